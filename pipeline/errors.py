"""Every message the package raises or warns with, in one place.

Codes are grouped by area so that parallel work never collides:
E0xx general and loading, E1xx numbers, E2xx work items and boilerplate,
E3xx corpus and markup, E4xx input and output, E5xx training and evaluation,
E6xx conversion of annotation-tool exports, E7xx scale-out.
"""


class ErrorsWithCodes(type):
    def __getattribute__(self, code):
        msg = super().__getattribute__(code)
        if code.startswith("__"):
            return msg
        return f"[{code}] {msg}"


class Warnings(metaclass=ErrorsWithCodes):
    W001 = "The document {doc_id} has no gold tokens; segmentation is not scored on it."


class Errors(metaclass=ErrorsWithCodes):
    # General and loading
    E001 = "No pipeline found at {path}. Train one with `zhgov train` or leave --model out to use the shipped default."
    E002 = "The shipped default pipeline is missing from the installed package ({path}). Reinstall zhgov."
    E003 = "The tokenizer has no pkuseg model. Set [initialize.tokenizer] pkuseg_model in the config."
    E004 = "Unknown label {label!r}. Expected one of: {labels}."

    # Numbers (E1xx)
    E100 = "Cannot read {text!r} as a number."
    E101 = "Cannot read {text!r} as a {label} span: no numeral followed by a currency or a person classifier spans the whole text."
    E102 = "{text!r} reads as {found}, not as {label}."
    E103 = "The numbers tagger reads only MONEY and PERSON_COUNT values, not {label!r}."
    E104 = "Invalid currency mapping {unit!r}: {code!r}. Map each currency unit written after a number (美元) to a non-empty code (USD)."

    # Work items and boilerplate (E2xx)
    E200 = "Invalid setting {setting}={value!r} for the component {component!r}: expected {expected}."

    # Corpus and markup (E3xx)
    E300 = "{source}: line {line}: unclosed or malformed markup near {snippet!r}."
    E301 = "{source}: line {line}: unknown label {label!r} in {snippet!r}. Expected one of: {labels}."
    E302 = "{source}: line {line}: {label} span {text!r} needs a value, e.g. [[5929万元|MONEY|59290000]]."
    E303 = "{source}: line {line}: cannot read the value {value!r} of {text!r}."
    E304 = "{source}: the front matter must start the file and close with a line '---'."
    E305 = "{source}: segmentation does not match the text at character {offset}: expected {expected!r}, got {got!r}."
    E306 = "{source}: missing front-matter field {field!r}."
    E308 = "The corpus has {n} problems; nothing was written:\n{problems}"
    E307 = "{source}: {label} span {text!r} has a value but {label} takes none."
    E309 = "The split file {path} cannot be read: {problem}."

    # Input and output (E4xx)
    E400 = "Unknown encoding {encoding!r}. Use a Python codec name such as utf-8, gb18030, big5 or utf-16."
    E401 = "{source}: cannot decode as {encoding} (bad byte at offset {offset})."
    E402 = "{source}: this is {what}, not text. Convert it to plain text first (e.g. pdftotext, or save as .txt)."
    E403 = "{source}: binary data (a NUL byte at offset {offset}); not a text file."
    E404 = "{source}: cannot decode the text: not UTF-8, UTF-16, GB18030 or Big5. Force one with --encoding."
    E405 = "{source}: the document is empty."
    E406 = "{source}: the document has {n_chars} characters, more than --max-chars {max_chars}."
    E407 = "No such file or directory: {path}."
    E408 = "{source}: line {line}: invalid JSON ({reason})."
    E409 = "{source}: line {line}: the record has no \"text\" string."
    E410 = "Refusing to write the output over the input {path}."
    E411 = "Cannot write the output to {path}: {reason}."
    E412 = "{source}: annotation failed: {reason}."
    E413 = "{source}: NUL bytes in the text: it looks like {encoding} without a byte-order mark. Force it with --encoding {encoding}."
    E414 = "{source}: the file has {n_bytes} bytes, more than --max-chars {max_chars} characters can take."
    E415 = "{source}: cannot read the file: {reason}."
    E416 = "{source}: line {line}: cannot decode as {encoding}."
    E417 = "--resume needs --output: a run written to standard output cannot be resumed."
    E418 = "{path} holds the records of an interrupted run. Continue it with --resume, or delete it to start over."
    E419 = "Another zhgov annotate is writing {path}."
    E420 = "{path}: line {line} is not a record written by zhgov annotate; cannot resume from it. Delete the file to start over."
    E421 = "Interrupted: {n_records} records kept in {path}. Run the same command with --resume to finish."
    E422 = "Cannot write the --errors file {path}: {reason}."
    E423 = "{source}: line {line}: the record holds an unpaired surrogate ({escape}), which UTF-8 cannot write."
    E425 = "--dask and --n-process write to a file: give --output."
    E426 = "--resume is for single-process runs; --dask skips finished shards by itself, and --n-process reruns are quick."
    E424 = "{n_records} records in {path} match no input document (changed or removed since); they stay in the output."

    # Training and evaluation (E5xx)
    E500 = "No such file: {path}."
    E502 = "{path} holds no records."
    E503 = "The training records have no gold tokens and there is no pipeline at {path} whose segmenter could be reused. Add gold tokens (see docs/markup.md)."
    E504 = ("No such config: {path}. Run `zhgov train` from the repository root (its configs/ holds the config and "
            "the files it names) or pass --config.")

    # Conversion of annotation-tool exports (E6xx)
    E600 = "{source}: task {position}: cannot read it ({reason})."
    E601 = "{source}: task {position}: no text."
    E602 = "{source}: task {position}: unknown label {label!r}. Expected one of: {labels} (rename with --label-map OLD=NEW)."
    E603 = "{source}: task {position}: the span [{start}:{end}] does not fit the text (export says {text!r}, text has {found!r})."
    E604 = "{source}: task {position}: the spans {first!r} and {second!r} overlap; spans must be flat."
    E605 = "{source}: task {position}: the converted record is not valid: {problems}."
    E606 = "Unknown format {fmt!r}. Expected one of: {formats}."

    # Scale-out (E7xx)
    E700 = "--n-process must be at least 1, not {n_process}."
    E701 = "{source}: annotation failed: the worker process died (killed, or out of memory) on this document."
    E702 = "Standard input cannot be split into shards: give files or directories to annotate on a Dask cluster."
    E703 = "{n_failed} of {n_shards} shards failed on the cluster (first: {first}). The completed shards are kept in {path}; run the same command again to redo the others."
    E704 = "Cannot use the Dask scheduler {scheduler!r}: give an address such as tcp://host:8786, or local:N for N worker processes on this machine."
    E705 = "The shard size must be at least 1 byte, not {shard_bytes}."
