"""zhgov: a spaCy pipeline for Chinese government reports."""
