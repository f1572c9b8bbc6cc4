"""Find the lines of a document that are not part of the report (ANNOTATION.md §2).

Boilerplate is recorded as whole lines. A line is boilerplate on its own
evidence (a site notice, a page counter, a navigation or metadata line, a table
of contents) or, for lines that say little by themselves (a lone 大, a `>`, a
short tag like 述职), because it sits in a block of such lines at the top of
the document next to other boilerplate.
"""
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple
import re

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.scorer import PRFScore
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

from .errors import Errors
from .settings import SettingsSerializable
from .tokenizer import doc_text

DEFAULT_SPANS_KEY = "boilerplate"
BOILERPLATE_LABEL = "BOILERPLATE"

# Line classes.
_CONTENT = 0
_BLANK = 1
_STRONG = 2  # boilerplate on its own evidence
_WEAK = 3  # navigation crumbs (大, 】, >): boilerplate next to other boilerplate
_TAG = 4  # short unpunctuated line: boilerplate in a run at the top

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# A site notice opens with 温馨提示 and runs through its numbered lines to the
# 网站客服 line.
_NOTICE_START = re.compile(r"[【\[]?(?:温馨提示|溫馨提示|友情提示|下载提示|下載提示|下载须知|下載須知)")
_NOTICE_END = re.compile(r"(?:网站|網站|在线|在線)?客服(?:QQ|qq|电话|電話|热线|熱線|微信)?\s*[:：]")
_NOTICE_ITEM = re.compile(r"[0-9０-９]{1,2}\s*[.．、]")
# A notice's items wrapped over lines: how far its end may be, and how long a line.
_NOTICE_MAX_LINES = 12
_NOTICE_LINE_MAX_CHARS = 60
# Cues that make any line a site notice, however long.
_NOTICE = re.compile(
    r"^(?:前言\s*[:：]\s*(?:本站|小编|小編)|免责声明|免責聲明|版权声明|版權聲明|本文档由|本文檔由|本文档为|本文檔為|"
    r"本文由用户|本文由用戶|本资料由|本資料由|(?:网站|網站|在线|在線)?客服(?:QQ|qq|电话|電話|热线|熱線|微信)?\s*[:：])"
    r"|本站[為为]你精心整理|本站[為为]您精心整理|本文档由用户上传|版权归属用户|如有侵权|如有侵權|"
    r"请联系客服|联系客服处理|下载后无此问题|付费完成后|文档下载后|原创力文档|"
    r"汇文网|豆丁网|道客巴巴|百度文库|免费下载"
)
# Weaker cues: a short line (up to _NOTICE_SHORT_MAX_CHARS) with one of these is
# an upload, copyright or download notice of a document site.
_NOTICE_SHORT = re.compile(
    r"(?:用户|用戶|网友|網友|会员|會員)(?:上传|上傳)|(?:若|如)有侵[权權]|侵[权權][^。]{0,6}(?:联系|聯繫|联络)|"
    r"(?:联系|聯繫)(?:我们|我們|本站|站长|站長|管理员|管理員)?(?:删除|刪除)|如需(?:删除|刪除)|"
    r"(?:仅|僅)供(?:参考|參考|学习|學習)|(?:本文|文档|文檔|资料|資料)(?:来源于|來源於|来自|來自)(?:网络|網絡|互联网|互聯網)|"
    r"不作任何商业用途|严禁用于商业用途|本文格式为|下载可任意编辑|可任意编辑|可编辑\s*欢迎下载|欢迎下载|歡迎下載|"
    r"【精品文档】|小编|小編|本站(?:所有|仅提供|僅提供|不保证|提供的|资源|資源|文档|文檔)|"
    r"本文共\s*[0-9０-９]+\s*[页頁]|免费预览|免費預覽|可预览|可預覽|"
    r"点击(?:上方|下方)|點擊(?:上方|下方)|关注我们|關注我們|"
    r"ICP备|ICP備|ICP证|公网安备|公網安備|网站标识码|網站標識碼|版权所有|版權所有|Copyright|©|"
    r"(?<![示规規典模防])(?:范文|範文)\s*(?:专家|專家|网|網|大全|精选|精選|[（(](?:精选|精選|通用|最新))|"
    r"(?:文档|文檔|范文|範文)网|[（(](?:精选|精選)\s*[0-9０-９]+\s*篇[）)]|[-—_|｜]\s*(?:文档|文檔)下[载載]|"
    r"(?:还剩|還剩|剩余|剩餘)\s*[0-9０-９]+\s*[页頁]未[读讀]|全文[阅閱][读讀]已[结結]束|展开[阅閱][读讀]全文|"
    r"下[载載]本(?:文档|文檔)|(?:文档|文檔)[贡貢][献獻]者|"
    r"(?:扫描|掃描|扫一扫|掃一掃|长按|長按|识别|識別)(?:上方|下方|图中|圖中|下图|下圖)?(?:的)?二[维維]码|"
    r"分享到朋友圈|在手机(?:上)?打开|在手機(?:上)?打開|(?:关注|關注)(?:本|该|該|我们的|我們的)?(?:公众号|公眾號)|"
    r"(?:建议|建議|推荐|推薦)(?:使用|采用|採用)[^。]{0,30}(?:分辨率|浏览器|瀏覽器)|(?:分辨率|浏览器|瀏覽器)(?:浏览|瀏覽|访问|訪問)|"
    r"在手机上?(?:查看|打开|浏览)|在手機上?(?:查看|打開|瀏覽)|Produced\s+By|大汉版通|您是第\s*[0-9,]+\s*位访[问客]者|"
    r"支持\s*IPv6|政府网站找错|"
    r"开通(?:VIP)?会员|開通(?:VIP)?會員|扣除\s*[0-9０-９]+\s*个?积分|扣除\s*[0-9０-９]+\s*個?積分|"
    r"[为為]大家整理|(?:持续|持續)?(?:关注|關注)本站|本文(?:标签|標籤)|文章(?:标签|標籤)|"
    r"(?:网|網)\s*[|｜]|[|｜]\s*\S{2,20}(?:主办|主辦)$"
)
_NOTICE_SHORT_MAX_CHARS = 100
_PAGE_COUNTER = re.compile(
    r"[-—–－=_*·\s]*(?:"
    r"第\s*[0-9０-９]+\s*[页頁](?:\s*[,，/／、]?\s*共\s*[0-9０-９]+\s*[页頁])?"
    r"|共\s*[0-9０-９]+\s*[页頁]\s*[,，/／、]?\s*第\s*[0-9０-９]+\s*[页頁]"
    r"|[-—–－]\s*[0-9０-９]+\s*[-—–－]"
    r"|[0-9０-９]+\s*[/／]\s*[0-9０-９]+"
    r"|[0-9０-９]{1,3}、?"  # a page number alone on its line, or a viewer's 3、
    r"|[Pp]age\s*\d+(?:\s*(?:of|/)\s*\d+)?"
    r"|(?:上一[页頁]|首[页頁])(?:\s*[0-9０-９]{1,3})+"  # a site's pager: 上一页 1 2 3 下一页
    r")[-—–－=_*·\s]*"
    # a site's page controls after the counter: 第1页 共2页 上一页 1 2 下一页
    r"(?:(?:上一[页頁]|下一[页頁]|首[页頁]|尾[页頁]|末[页頁])(?:\s+[0-9０-９]{1,3})*\s*)*"
)
_NAV_STRONG = (
    r"打印本页|打印本頁|关闭窗口|關閉窗口|关闭本页|返回顶部|返回頂部|返回首页|返回首頁|下载|下載|打印|全屏|收藏|"
    r"【\s*字号\s*[:：]?|字号\s*[:：]?|【\s*字號\s*[:：]?|字號\s*[:：]?|加大|还原|還原|减小|減小|"
    r"【\s*字体\s*[:：]?|字体\s*[:：]?|【\s*字體\s*[:：]?|字體\s*[:：]?|"
    r"分享到微信|分享到微博|分享(?:到|至)?\s*[:：]?|点赞|點讚|在看|首页|首頁|"
    r"(?:阅读|閱讀|浏览|瀏覽)(?:量|数|數|次数|次數)?\s*[:：]?\s*[0-9][0-9,]*\s*次?|"
    r"(?:您的|您|当前|當前|所在)(?:[当當]前|现在|現在)?(?:所在|所处|所處)?的?位置\s*[:：]?|"
    r"相[关關](?:报道|報道|文档|文檔|新闻|新聞|阅读|閱讀|链接|鏈接|附件)\s*(?:[:：]|>>)?|"
    r"扫一扫在手机打开当前页|》》点击图片进入专题《《|"
    r"【\s*打印\s*】|【\s*关闭\s*】|【\s*關閉\s*】|上一篇|下一篇|关闭|關閉|"
    r"网站地图|網站地圖|联系我们|聯繫我們|网站声明|網站聲明|(?:我要)?纠错|(?:我要)?糾錯|我要打印|"
    r"加入收藏|收藏本[页頁]|设为首页|設為首頁|无障碍|無障礙|长者模式|長者模式|关怀版|關懷版|"
    r"繁體|繁体|简体|簡體|登录|登錄|注册|註冊|手机版|手機版|移动版|移動版|"
    r"扫码阅读|掃碼閱讀|微信扫一扫|微信掃一掃|扫一扫(?:分享本[页頁])?|掃一掃(?:分享本[页頁])?|"
    r"(?:打印|关闭|關閉|保存)本文|无障碍阅读|無障礙閱讀|关怀模式|關懷模式|"
    r"原文链接|原文鏈接|阅读原文|閱讀原文|(?:PDF|pdf|WORD|Word|word)\s*(?:版|下[载載])|(?:附件|文件)下[载載]\s*[:：]?|下[载載](?:附件|文件)|"
    r"(?:视力|視力|网站|網站|护眼|護眼)?保护色\s*[:：]?|(?:视力|視力|网站|網站|护眼|護眼)?保護色\s*[:：]?"
)
_NAV_WEAK = (
    r"[大中小]|默认|默認|【|】|〔|〕|\[|\]|\||×|[>›»＞]|English|ENGLISH|"
    r"微信|微博|QQ空间|QQ空間|QQ好友|朋友圈|今日头条|今日頭條|"
    r"政策解读|政策解讀|图解|圖解|图片解读|圖片解讀|视频解读|視頻解讀|文字解读|文字解讀|解读|解讀|"
    r"政务公开|政務公開|政务服务|政務服務|互动交流|互動交流|政民互动|政民互動|信息公开|信息公開|办事服务|辦事服務|"
    r"新闻中心|新聞中心|数据开放|數據開放|赞|讚|喜欢|喜歡|留言|写留言|寫留言"
)
# The count an app shows beside a control (分享 收藏 21 点赞 在看); a line of
# counts alone is no navigation (a year tag, a page number).
_NAV_COUNT = r"[0-9][0-9,.]*[万萬]?\+?"
_COUNTS_ONLY = re.compile(f"{_NAV_COUNT}(?:\\s+{_NAV_COUNT})*")
_NAV_TOKEN = f"(?:{_NAV_STRONG}|{_NAV_WEAK}|{_NAV_COUNT})"
_NAV_LINE = re.compile(f"{_NAV_TOKEN}(?:\\s*{_NAV_TOKEN})*")
_NAV_STRONG_TOKEN = re.compile(_NAV_STRONG)
_CRUMB_SEPARATOR = re.compile(r"[>›»＞]")
_BREADCRUMB_ROOT = re.compile(r"(?:网站|網站)?(?:首页|首頁|主页|主頁)")
# 某县人民政府网 > 政务公开 > 规划计划: short crumbs between arrows, no 首页.
_CRUMB_TRAIL = re.compile(r"[^\s>›»＞→。，；：！？,;:!?]{1,16}(?:\s*(?:[>›»＞]+|→)\s*[^\s>›»＞→。，；：！？,;:!?]{1,16}){2,}")
# 首页 > 政务公开 > 工作动态, also after 您当前的位置： or 您现在的位置：.
_BREADCRUMB = re.compile(
    r"(?:(?:您的|您|当前|當前|所在)(?:[当當]前|现在|現在)?(?:所在|所处|所處)?的?位置\s*[:：]?\s*)?"
    r"(?:网站|網站)?(?:首页|首頁|主页|主頁)\s*(?:[>›»＞→/／]|[-－]\s)"
)
# 分享到: 微信 朋友圈 微博, 上一篇：… 下一篇：…, 相关链接: …, 相关文档推荐：…
_SHARE_LINE = re.compile(r"(?:分享|转发|轉發)(?:到|至)?\s*[:：]")
_NEXT_PREVIOUS = re.compile(r"(?:上|下)一(?:篇|条|條|页|頁)\s*[:：]")
_RELATED_KEY = (
    r"(?:相[关關](?:链接|鏈接|文档|文檔|文章|稿件|阅读|閱讀|推荐|推薦|范文|範文|报道|報道|新闻|新聞|附件|下载|下載|资料|資料)"
    r"(?:推荐|推薦)?|往期(?:推荐|推薦|回顾|回顧|精选|精選)|(?:推荐|推薦|延伸)(?:阅读|閱讀)|(?:精彩|热门|熱門)(?:推荐|推薦))"
)
_RELATED = re.compile(f"{_RELATED_KEY}\\s*[:：]")
_RELATED_KEY_ONLY = re.compile(f"{_RELATED_KEY}\\s*(?:[:：]|>>|》》)?")
# A list after a 相关推荐： line: titles of other documents of the site.
_RELATED_ITEM_MAX_CHARS = 40
# A copy with a blank line after at least this share of its (at least this
# many) lines is double-spaced: a blank line ends no block there.
_DOUBLE_SPACED_SHARE = 0.8
_DOUBLE_SPACED_MIN_LINES = 5
# A bullet opens a listed title, whatever it holds (► 个税汇算开始预约啦！).
_BULLET = re.compile(r"[►▶▸•●■□◆◇▪>＞·]")
_LINKED_LINE_MAX_CHARS = 120
# A site's name line above its breadcrumb is at most this long.
_BANNER_MAX_CHARS = 30
# A PDF's running head is at most this long, holds no sentence end
# (_SENTENCE_PUNCT), and may set its left and right parts apart with a wide gap.
_RUNNING_HEAD_MAX_CHARS = 80
# Left and right parts of a running head, a wide gap of spaces between them
# (a table row splits into more cells, or at tabs).
_RUNNING_HEAD_GAP = re.compile(r"[ \u3000]{3,}")
# A site that pages a report numbers the title it repeats on each page:
# 某镇2024年工作总结（2）.
_PAGE_NUMBER_AFTER = re.compile(r"\s*[（(][0-9０-９]{1,2}[)）]$")
_REPORT_TITLE = re.compile(r"报告|总结|汇报|述职|情况|要点|计划|规划|方案|说明")
# A gazette's running head: 某县人民政府公报 2025年第1期.
_GAZETTE_ISSUE = re.compile(
    r"\S{0,24}(?:公报|公報|政报|政報)\s*[（(]?\s*[0-9０-９]{4}\s*年\s*(?:第\s*[0-9０-９]{1,3}\s*[期号號]|[0-9０-９]{1,2}\s*月)"
    r"\s*[）)]?(?:\s*[（(]?总第\s*[0-9０-９]+\s*[期号號][）)]?)?"
)
# A site's menu or footer links: short cells between bars, one of them a
# page control (首页 | 政务公开 | 政务服务; 网站地图 | 联系我们 | 隐私声明).
_MENU_BAR = re.compile(r"\s*[|｜]\s*")
_MENU_CELL = re.compile(r"[^\s0-9０-９。，、；：！？,;:!?（）()]{2,10}")
_MENU_MIN_CELLS = 3
# …or short cells set apart by spaces after 首页 (首页　时政　民生　法治).
_MENU_SPACES = re.compile(r"[ \t\u3000]+")
# A site's banner: the body, then its portal or disclosure section.
_BANNER = re.compile(
    r"[\u4e00-\u9fff]{2,20}(?:人民政府|政府)(?:[ \t\u3000]+|\s*[|｜]\s*)[\u4e00-\u9fff]{0,24}"
    r"(?:门户网站|門戶網站|信息公开|信息公開|政务公开|政務公開)(?:专栏|專欄|专题|專題|平台|平臺|网|網)?"
)
# The end mark of an app post: - END -
_END_MARK = re.compile(r"[-—–－\s]*(?:END|End|THE END)[-—–－\s]*")
# A section of a government site: 某县人民政府信息公开专栏.
_SITE_SECTION = re.compile(r"\S{0,24}(?:(?:政府)?信息公开|政务公开|政務公開)(?:专栏|專欄|专题|專題|平台|平臺|目录|目錄)|\S{0,24}门户网站|\S{0,24}門戶網站")
# A document file name left as a line: 某局工作总结.pdf
_FILE_NAME = re.compile(r"[^。；！？]{1,80}\.(?:pdf|PDF|docx?|DOCX?|wps|WPS|txt|TXT|xlsx?|pptx?)")
_URL = re.compile(r"www\.|https?://")
# A record id or hash a site left as a line: 3f9c2e71a0b84d5c9e6a1f0b2d7c4e88:
_HASH_ID = re.compile(r"[0-9a-fA-F]{16,}(?:-[0-9a-fA-F]+)*\s*[:：]?")
_URL_LINE_MAX_CHARS = 60
_METADATA_KEYS = (
    r"来源|來源|稿源|信息来源|信息來源|文章来源|文章來源|时间|時間|日期|发布时间|發布時間|發佈時間|发表时间|發表時間|"
    r"发布日期|發布日期|更新时间|更新時間|上传时间|上傳時間|"
    r"浏览次数|瀏覽次數|浏览量|瀏覽量|浏览|瀏覽|阅读量|閱讀量|阅读次数|閱讀次數|阅读数|閱讀數|阅读|閱讀|"
    r"点击数|點擊數|点击量|點擊量|点击率|访问量|訪問量|访问次数|訪問次數|"
    r"作者|编辑|編輯|责任编辑|責任編輯|责编|責編|审核|審核|校对|校對|字体|字體|"
    r"发布者|發布者|发布人|發布人|发布单位|發布單位|发布机构|發布機構|上传者|上傳者|上传人|上傳人|贡献者|貢獻者|"
    r"文档页数|文檔頁數|页数|頁數|页码|頁碼|字数|字數|下载积分|下載積分|下载次数|下載次數|积分|積分|"
    r"文件大小|文档大小|文檔大小|文档格式|文檔格式|格式|大小|"
    r"关键词|關鍵詞|关键字|關鍵字|标签|標籤|分类|分類|所属分类|所屬分類|栏目|欄目|"
    r"主办单位|主辦單位|主办|主辦|承办单位|承辦單位|承办|承辦|技术支持|技術支持|"
    r"本文来源|本文來源|稿件来源|稿件來源|本页关键词|本頁關鍵詞|本文链接|本文鏈接|原文链接|原文鏈接|"
    r"信息索引号|信息索引號|索引号|索引號|主题分类|主題分類|组配分类|組配分類|体裁分类|體裁分類|发文机关|發文機關|"
    r"发布机关|發布機關|成文日期|生成日期|公开日期|公開日期|印发日期|印發日期|发文字号|發文字號|公开方式|公開方式|"
    r"公开范围|公開範圍|公开时限|公開時限|公开形式|公開形式|有效性|所属机构|所屬機構|所属部门|所屬部門|"
    r"地址|网址|網址|邮编|郵編|邮政编码|郵政編碼|传真|傳真|联系电话|聯繫電話|"
    r"文号|文號|信息分类|信息分類|信息类别|信息類別|主题词|主題詞"
)
# Sites pad short keys to one width: 索 引 号, 文\u3000\u3000号 (the keys are
# plain words, so padding goes between any two of their characters).
_KEY_PADDING = "[ \\t\u3000]*"
_METADATA_KEY = re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", lambda _: _KEY_PADDING, _METADATA_KEYS)
# A key ends in a colon, or in WeChat's 丨 (来源丨某县融媒体中心), or stands
# in brackets (〔 索 引 号 〕11431128MB0F27713W/2025-00031).
_METADATA_SEP = r"\s*(?:[:：]|\s*[丨|｜]\s*)"
_METADATA_BRACKETED = f"[〔【\\[]\\s*(?:{_METADATA_KEY})\\s*[〕】\\]]"
_METADATA = re.compile(f"{_METADATA_BRACKETED}|[（(\\[【]?(?:{_METADATA_KEY}){_METADATA_SEP}")
_METADATA_KEY_ONLY = re.compile(f"{_METADATA_BRACKETED}|(?:{_METADATA_KEY}){_METADATA_SEP}")
# A site's line of several metadata fields may be longer than one field.
_METADATA_FIELD = re.compile(
    f"(?:^|[\\s|｜]|(?<=[0-9a-zA-Z]))(?:{_METADATA_BRACKETED}|(?:{_METADATA_KEY}){_METADATA_SEP})"
)
_TIMESTAMP = re.compile(
    # 2026-02-09 or 2026/02/09 10:30; a dotted or 年月日 date alone may be a
    # report's own date line, so those need a time.
    r"\d{4}\s*[-/]\s*\d{1,2}\s*[-/]\s*\d{1,2}(?:\s+\d{1,2}:\d{1,2}(?::\d{1,2})?)?"
    r"|\d{4}\.\d{1,2}\.\d{1,2}\s+\d{1,2}:\d{1,2}(?::\d{1,2})?"
    r"|\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}[时:：]\d{1,2}分?(?:\d{1,2}秒)?"
)
# A date with a clock time inside a short line: the posting line of a site
# or an app (原创 某公众号 2024-07-16 17:45 发表于河南).
_POSTED_AT = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?\s*\d{1,2}\s*[:：时時]\s*\d{1,2}"
)
_POSTED_MAX_CHARS = 60
# A site's date line: 今天是：2024年3月5日 星期二.
_SITE_DATE = re.compile(r"今天是\s*[:：]?\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:星期|周|週)[一二三四五六日天]")
_TOC_HEADER = re.compile(r"目\s*录\s*[:：]?|目\s*錄\s*[:：]?")
_TOC_LEADER = re.compile(r".*?(?:\.{3,}|…+|·{3,}|．{3,}|。{3,}|-{3,}|_{3,})\s*[0-9０-９]{1,3}")
_TOC_PAGE_ENTRY = re.compile(r"\S.{0,80}?\s+[0-9０-９]{1,3}")
_WORD_ONLY = re.compile(r"\w+")
# A year left as a tag (2023, 2023年度, 202223年) may be longer than other tags.
_YEAR_TAG = re.compile(r"[0-9０-９]{4,6}\s*(?:年度?)?")
_YEAR_TAG_CHARS = 4  # a year tag counts as long as a bare year
_SENTENCE_PUNCT = re.compile(r"[。！？；!?;]")
_ANY_PUNCT = re.compile(r"[。！？；：，、!?;:,]")
_VALUE_MAX_CHARS = 30
_CRUMB_MAX_CHARS = 20


def line_ranges(text: str) -> List[Tuple[int, int]]:
    """Split a text into lines.

    text (str): The text.
    RETURNS (List[Tuple[int, int]]): The char range of each line, line
        terminator (\\n, \\r\\n or \\r) excluded.
    """
    ranges = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return ranges


def find_boilerplate(
    text: str,
    *,
    tag_line_max_chars: int = 6,
    tag_line_min_run: int = 2,
    metadata_max_chars: int = 40,
) -> List[Tuple[int, int]]:
    """Find the boilerplate lines of a document.

    text (str): The document text.
    tag_line_max_chars (int): Longest line (stripped) that can be a keyword or
        tag line left by a site; a year tag (2023, 2023年度, 202223年) counts as
        four characters. 0 turns tag lines off.
    tag_line_min_run (int): Fewest short lines in a row that make a block of
        tag lines.
    metadata_max_chars (int): Longest line that can be a site metadata line
        (来源：…, 时间：…).
    RETURNS (List[Tuple[int, int]]): Whole-line char ranges, line terminators
        excluded, in document order.
    """
    lines = line_ranges(text)
    stripped = [text[start:end].strip() for start, end in lines]
    classes = [_classify(line, tag_line_max_chars, metadata_max_chars) for line in stripped]
    _mark_blocks(stripped, classes)
    _mark_neighbours(stripped, classes, tag_line_min_run)
    _mark_running_heads(stripped, classes)
    return [lines[i] for i, cls in enumerate(classes) if cls == _STRONG]


def _classify(line: str, tag_line_max_chars: int, metadata_max_chars: int) -> int:
    """Classify one stripped line on its own evidence."""
    if not line:
        return _BLANK
    if _is_nav_line(line):
        return _STRONG if _NAV_STRONG_TOKEN.search(line) else _WEAK
    nav = _NAV_LINE.match(line)
    if nav and _NAV_STRONG_TOKEN.search(nav.group()):
        # 【打印本页】 【关闭窗口】 主办：某局 技术支持：某中心
        rest = line[nav.end():].strip()
        if _METADATA.match(rest) and len(rest) <= 3 * metadata_max_chars:
            return _STRONG
    if (
        _PAGE_COUNTER.fullmatch(line)
        or _TIMESTAMP.fullmatch(line)
        or _SITE_DATE.fullmatch(line)
        or _HASH_ID.fullmatch(line)
        or _TOC_HEADER.fullmatch(line)
        or _TOC_LEADER.fullmatch(line)
        or _NOTICE.search(line)
        or (len(line) <= metadata_max_chars and _METADATA.match(line))
    ):
        return _STRONG
    if len(line) <= _LINKED_LINE_MAX_CHARS and (
        _BREADCRUMB.match(line)
        or _SHARE_LINE.match(line)
        or _RELATED.match(line)
        or _NEXT_PREVIOUS.search(line)
    ):
        return _STRONG
    if (
        len(line) <= 3 * metadata_max_chars
        and _METADATA.match(line)
        and len(_METADATA_FIELD.findall(line)) >= 2
    ):
        return _STRONG
    if len(line) <= _NOTICE_SHORT_MAX_CHARS and _NOTICE_SHORT.search(line):
        return _STRONG
    if not _SENTENCE_PUNCT.search(line):
        if (
            (len(line) <= _POSTED_MAX_CHARS and _POSTED_AT.search(line))
            or _SITE_SECTION.fullmatch(line)
            or _GAZETTE_ISSUE.fullmatch(line)
            or _BANNER.fullmatch(line)
            or _END_MARK.fullmatch(line)
            or _is_menu(line)
            or _CRUMB_TRAIL.fullmatch(line)
            or _FILE_NAME.fullmatch(line)
        ):
            return _STRONG
        if _METADATA.match(line) and _URL.search(line):
            return _STRONG  # 本文链接：http://… however long
        if len(line) <= _URL_LINE_MAX_CHARS and _URL.search(line):
            return _WEAK
    if (len(line) <= tag_line_max_chars and _WORD_ONLY.fullmatch(line)) or (
        tag_line_max_chars >= _YEAR_TAG_CHARS and _YEAR_TAG.fullmatch(line)
    ):
        return _TAG
    return _CONTENT


def _is_nav_line(line: str) -> bool:
    """Whether a line is page controls and crumbs only (打印本页, 【字体：大 中 小】,
    分享 收藏 21 点赞), not a line of figures alone."""
    return _NAV_LINE.fullmatch(line) is not None and not _COUNTS_ONLY.fullmatch(line)


def _is_menu(line: str) -> bool:
    """Whether a line is a site menu: at least three short cells between bars,
    one of them a page control or 首页, or set apart by spaces after 首页."""
    cells = _MENU_BAR.split(line)
    if len(cells) < _MENU_MIN_CELLS:
        cells = _MENU_SPACES.split(line)
        if not _BREADCRUMB_ROOT.fullmatch(cells[0]):
            return False
    return (
        len(cells) >= _MENU_MIN_CELLS
        and all(_MENU_CELL.fullmatch(cell) for cell in cells)
        and any(_NAV_STRONG_TOKEN.fullmatch(cell) or _BREADCRUMB_ROOT.fullmatch(cell) for cell in cells)
    )


def _next_filled(classes: Sequence[int], i: int, step: int = 1) -> int:
    """Index of the next non-blank line from i (exclusive), or -1."""
    i += step
    while 0 <= i < len(classes):
        if classes[i] != _BLANK:
            return i
        i += step
    return -1


def _mark_running_heads(lines: Sequence[str], classes: List[int]) -> None:
    """Mark a PDF's running head, a line repeated on its pages: every copy
    where left and right parts stand apart (某县水利局　　　　河湖长制工作材料),
    else, where two or more copies stand right under a page counter line,
    every copy; but a title that names the report (…工作总结, …报告) stays
    content where it is under no counter."""
    copies: Dict[str, List[int]] = {}
    for i, line in enumerate(lines):
        if classes[i] not in (_BLANK, _STRONG) and len(line) <= _RUNNING_HEAD_MAX_CHARS \
                and not _SENTENCE_PUNCT.search(line):
            copies.setdefault(_PAGE_NUMBER_AFTER.sub("", line), []).append(i)
    for line, indexes in copies.items():
        if len(indexes) < 2:
            continue
        if not _has_two_parts(line):
            under = [i for i in indexes if _after_page_counter(lines, classes, i)]
            if len(under) < 2:
                continue
            if _REPORT_TITLE.search(line):
                indexes = under
        for i in indexes:
            classes[i] = _STRONG


def _has_two_parts(line: str) -> bool:
    """Whether a line is a left and a right part with a wide gap between them
    (某县水利局　　　　河湖长制工作材料), not the cells of a table row."""
    return "\t" not in line and len(_RUNNING_HEAD_GAP.split(line)) == 2


def _after_page_counter(lines: Sequence[str], classes: Sequence[int], i: int) -> bool:
    previous = _next_filled(classes, i, -1)
    return previous >= 0 and classes[previous] == _STRONG and _PAGE_COUNTER.fullmatch(lines[previous]) is not None


def _is_double_spaced(classes: Sequence[int]) -> bool:
    """Whether a copy has a blank line after (nearly) every line, as web
    copies that turn each paragraph into a line and a blank line do."""
    filled = [i for i, cls in enumerate(classes[:-1]) if cls != _BLANK]
    if len(filled) < _DOUBLE_SPACED_MIN_LINES:
        return False
    spaced = sum(1 for i in filled if classes[i + 1] == _BLANK)
    return spaced >= _DOUBLE_SPACED_SHARE * len(filled)


def _notice_end(lines: Sequence[str], classes: List[int], start: int) -> int:
    """The line that ends a site notice (网站客服:), where it follows within
    _NOTICE_MAX_LINES filled lines of start, each a notice item or a line as
    short as a wrapped one; -1 otherwise."""
    j, seen = start, 0
    while j != -1 and seen < _NOTICE_MAX_LINES:
        if _NOTICE_END.match(lines[j]):
            return j
        if len(lines[j]) > _NOTICE_LINE_MAX_CHARS:
            return -1
        seen += 1
        j = _next_filled(classes, j)
    return -1


# Punctuation that ends a statement, which a listed title does not hold.
_STATEMENT_END = re.compile(r"[。；;]")


def _titles_run_to_chrome(lines: Sequence[str], classes: Sequence[int], start: int, spaced: bool) -> bool:
    """Whether the short lines from start on run to the site's chrome (阅读 3216,
    写留言) or the end of the text: then a title with an exclamation (喜讯！…,
    …请收好！) is one of the listed titles, not a sentence of the report (a
    line with a full stop or a semicolon is one)."""
    j = start
    while 0 <= j < len(lines) and lines[j]:
        if classes[j] == _STRONG:
            return True
        if len(lines[j]) > _RELATED_ITEM_MAX_CHARS or _STATEMENT_END.search(lines[j]):
            return False
        j = _next_filled(classes, j) if spaced else j + 1
    return j == -1 or j >= len(lines) or not any(line.strip() for line in lines[j:])


def _mark_blocks(lines: Sequence[str], classes: List[int]) -> None:
    """Mark the multi-line blocks that open with a telling line: site notices,
    tables of contents, lists of related documents, metadata keys whose value
    is on the next line and breadcrumbs split over lines."""
    spaced = _is_double_spaced(classes)
    for i, line in enumerate(lines):
        if classes[i] == _BLANK:
            continue
        if _NOTICE_START.match(line):
            block = [i]
            j = _next_filled(classes, i)
            while j != -1:
                if _NOTICE_END.match(lines[j]):
                    block.append(j)
                    break
                if not (_NOTICE_ITEM.match(lines[j]) or classes[j] == _STRONG):
                    # an item wrapped over lines (a PDF copy) goes on where
                    # the notice's end follows within its reach
                    end = _notice_end(lines, classes, j)
                    if end != -1:
                        block.extend(k for k in range(j, end + 1) if classes[k] != _BLANK)
                    break
                block.append(j)
                j = _next_filled(classes, j)
            for k in block:
                classes[k] = _STRONG
        elif _TOC_HEADER.fullmatch(line):
            j = _next_filled(classes, i)
            while j != -1 and (_TOC_LEADER.fullmatch(lines[j]) or _TOC_PAGE_ENTRY.fullmatch(lines[j])):
                classes[j] = _STRONG
                j = _next_filled(classes, j)
        elif _RELATED_KEY_ONLY.fullmatch(line):
            # The titles listed under 相关推荐： run to the next blank line, or
            # in a copy with a blank line after every line, to the first line
            # that is no title.
            classes[i] = _STRONG
            j = _next_filled(classes, i) if spaced else i + 1
            while 0 <= j < len(lines) and lines[j]:
                if _is_nav_line(lines[j]):
                    # 打印本页 / 关闭窗口 end the list; what follows is the page again.
                    break
                if classes[j] != _STRONG and (
                    len(lines[j]) > _RELATED_ITEM_MAX_CHARS
                    or (_SENTENCE_PUNCT.search(lines[j]) and not _BULLET.match(lines[j])
                        and not _titles_run_to_chrome(lines, classes, j, spaced))
                ):
                    break
                classes[j] = _STRONG
                j = _next_filled(classes, j) if spaced else j + 1
        elif _METADATA_KEY_ONLY.fullmatch(line):
            j = _next_filled(classes, i)
            if j != -1 and len(lines[j]) <= _VALUE_MAX_CHARS and not _SENTENCE_PUNCT.search(lines[j]):
                classes[j] = _STRONG
        elif _BREADCRUMB.match(line):
            # The site's name above its breadcrumb at the top of the page
            # (某县人民政府 / 您现在的位置：首页 > …) is its banner.
            j = _next_filled(classes, i, -1)
            if j != -1 and classes[j] != _STRONG and len(lines[j]) <= _BANNER_MAX_CHARS \
                    and not _ANY_PUNCT.search(lines[j]) and all(cls in (_BLANK, _STRONG) for cls in classes[:j]):
                classes[j] = _STRONG
        elif _CRUMB_SEPARATOR.fullmatch(line):
            j = _next_filled(classes, i)
            if j != -1 and classes[j] in (_CONTENT, _TAG) and len(lines[j]) <= _CRUMB_MAX_CHARS \
                    and not _ANY_PUNCT.search(lines[j]):
                classes[j] = _WEAK
                # A site often repeats the last crumb as its section heading.
                k = _next_filled(classes, j)
                if k != -1 and lines[k] == lines[j] and classes[k] in (_CONTENT, _TAG):
                    classes[k] = _WEAK


def _mark_neighbours(lines: Sequence[str], classes: List[int], tag_line_min_run: int) -> None:
    """Resolve weak and tag lines by their neighbours: a run of them becomes
    boilerplate when it touches boilerplate; tag lines only in the preamble
    (before the first punctuated content line) and in runs of at least
    tag_line_min_run tag lines."""
    preamble_end = len(lines)
    for i, line in enumerate(lines):
        if classes[i] == _CONTENT and _ANY_PUNCT.search(line):
            preamble_end = i
            break
    i = 0
    while i < len(lines):
        if classes[i] not in (_WEAK, _TAG):
            i += 1
            continue
        run = [i]
        j = _next_filled(classes, i)
        while j != -1 and classes[j] in (_WEAK, _TAG):
            run.append(j)
            j = _next_filled(classes, j)
        if j != -1 and j == preamble_end and classes[run[-1]] == _TAG:
            # The short line right before the first sentence is the
            # document's title (某局述职报告), not a tag.
            j = run.pop()
            if not run:
                i += 1
                continue
        before = _next_filled(classes, i, -1)
        touches = (before != -1 and classes[before] == _STRONG) or (j != -1 and classes[j] == _STRONG)
        tags = sum(1 for k in run if classes[k] == _TAG)
        # Navigation crumbs (】, 大) do not make a lone short line, such as a
        # title 政府工作报告 right after 【字体：大 中 小】, a block of tags.
        if touches and (not tags or (tags >= tag_line_min_run and run[-1] < preamble_end)):
            for k in run:
                classes[k] = _STRONG
        else:
            # Without a tag block, a tag line is content and splits the run:
            # only the crumbs on the side of the boilerplate they touch count.
            if before != -1 and classes[before] == _STRONG:
                for k in run:
                    if classes[k] != _WEAK:
                        break
                    classes[k] = _STRONG
            if j != -1 and classes[j] == _STRONG:
                for k in reversed(run):
                    if classes[k] not in (_WEAK, _STRONG):
                        break
                    classes[k] = _STRONG
        i = run[-1] + 1


def _ranges_from_spans(doc: Doc, spans_key: str) -> Optional[List[Tuple[int, int]]]:
    if doc.has_extension("boilerplate") and doc._.boilerplate is not None:
        return list(doc._.boilerplate)
    if spans_key in doc.spans:
        return [(span.start_char, span.end_char) for span in doc.spans[spans_key]]
    return None


def get_boilerplate(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> List[Tuple[int, int]]:
    """The boilerplate char ranges of a doc: `Doc._.boilerplate` where set, else
    the char offsets of doc.spans[spans_key], else none.

    doc (Doc): The document.
    spans_key (str): The span group to fall back on.
    RETURNS (List[Tuple[int, int]]): The ranges.
    """
    return _ranges_from_spans(doc, spans_key) or []


def _char_count(ranges: Iterable[Tuple[int, int]]) -> int:
    return sum(end - start for start, end in ranges)


def _overlap(ranges_a: Sequence[Tuple[int, int]], ranges_b: Sequence[Tuple[int, int]]) -> int:
    """Characters covered by both lists of ranges (each list non-overlapping)."""
    a = sorted(ranges_a)
    b = sorted(ranges_b)
    i = j = total = 0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if end > start:
            total += end - start
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def score_boilerplate(
    examples: Iterable[Example], *, spans_key: str = DEFAULT_SPANS_KEY, **kwargs
) -> Dict[str, Optional[float]]:
    """Character-level precision, recall and F-score of boilerplate ranges.
    Examples whose reference has no boilerplate annotation are skipped.

    examples (Iterable[Example]): The examples to score.
    spans_key (str): The span group read when `Doc._.boilerplate` is unset.
    RETURNS (Dict[str, Optional[float]]): boilerplate_p, boilerplate_r and
        boilerplate_f, None where no example is annotated.
    """
    score = PRFScore()
    annotated = False
    for example in examples:
        gold = _ranges_from_spans(example.reference, spans_key)
        if gold is None:
            continue
        annotated = True
        pred = _ranges_from_spans(example.predicted, spans_key) or []
        overlap = _overlap(pred, gold)
        score.tp += overlap
        score.fp += _char_count(pred) - overlap
        score.fn += _char_count(gold) - overlap
    if not annotated:
        return {"boilerplate_p": None, "boilerplate_r": None, "boilerplate_f": None}
    return {"boilerplate_p": score.precision, "boilerplate_r": score.recall, "boilerplate_f": score.fscore}


@registry.scorers("zhgov.boilerplate_scorer.v1")
def make_boilerplate_scorer() -> Callable:
    return score_boilerplate


@Language.factory(
    "zhgov_boilerplate",
    assigns=["doc.spans"],
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "tag_line_max_chars": 6,
        "tag_line_min_run": 2,
        "metadata_max_chars": 40,
        "scorer": {"@scorers": "zhgov.boilerplate_scorer.v1"},
    },
    default_score_weights={"boilerplate_f": 1.0, "boilerplate_p": 0.0, "boilerplate_r": 0.0},
)
def make_boilerplate(
    nlp: Language,
    name: str,
    spans_key: str,
    tag_line_max_chars: int,
    tag_line_min_run: int,
    metadata_max_chars: int,
    scorer: Optional[Callable],
) -> "BoilerplateDetector":
    return BoilerplateDetector(
        nlp,
        name,
        spans_key=spans_key,
        tag_line_max_chars=tag_line_max_chars,
        tag_line_min_run=tag_line_min_run,
        metadata_max_chars=metadata_max_chars,
        scorer=scorer,
    )


class BoilerplateDetector(SettingsSerializable, Pipe):
    """Mark the lines that are not part of the report: site notices, page
    counters, navigation, metadata and tag lines, tables of contents. Sets
    doc.spans[spans_key] and `Doc._.boilerplate` (exact char ranges).
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "zhgov_boilerplate",
        *,
        spans_key: str = DEFAULT_SPANS_KEY,
        tag_line_max_chars: int = 6,
        tag_line_min_run: int = 2,
        metadata_max_chars: int = 40,
        scorer: Optional[Callable] = score_boilerplate,
    ) -> None:
        """Initialize the boilerplate detector.

        nlp (Language): The shared nlp object.
        name (str): Instance name of the component in the pipeline.
        spans_key (str): Key of the span group to set.
        tag_line_max_chars (int): Longest line that can be a tag line.
        tag_line_min_run (int): Fewest tag lines in a row that count.
        metadata_max_chars (int): Longest line that can be a metadata line.
        scorer (Optional[Callable]): The scoring method.
        """
        self.nlp = nlp
        self.name = name
        self.scorer = scorer
        self.cfg = {
            "spans_key": spans_key,
            "tag_line_max_chars": tag_line_max_chars,
            "tag_line_min_run": tag_line_min_run,
            "metadata_max_chars": metadata_max_chars,
        }
        self._validate_cfg()
        if not Doc.has_extension("boilerplate"):
            Doc.set_extension("boilerplate", default=None)

    def _validate_cfg(self) -> None:
        for setting, minimum in (("tag_line_max_chars", 0), ("tag_line_min_run", 1), ("metadata_max_chars", 0)):
            value = self.cfg[setting]
            if not isinstance(value, int) or value < minimum:
                raise ValueError(Errors.E200.format(
                    component=self.name, setting=setting, value=value, expected=f"an integer >= {minimum}"
                ))

    @property
    def spans_key(self) -> str:
        return self.cfg["spans_key"]

    def __call__(self, doc: Doc) -> Doc:
        """Mark the boilerplate lines of a doc.

        doc (Doc): The document.
        RETURNS (Doc): The document, with doc.spans[spans_key] and
            `Doc._.boilerplate` set.
        """
        ranges = find_boilerplate(
            doc_text(doc),
            tag_line_max_chars=self.cfg["tag_line_max_chars"],
            tag_line_min_run=self.cfg["tag_line_min_run"],
            metadata_max_chars=self.cfg["metadata_max_chars"],
        )
        spans = []
        for start, end in ranges:
            span = doc.char_span(start, end, label=BOILERPLATE_LABEL, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc._.boilerplate = ranges
        return doc

    def score(self, examples: Iterable[Example], **kwargs) -> Dict[str, Optional[float]]:
        """Score a batch of examples (see `score_boilerplate`).

        examples (Iterable[Example]): The examples to score.
        RETURNS (Dict[str, Optional[float]]): The scores.
        """
        if self.scorer is None:
            return {}
        kwargs.setdefault("spans_key", self.spans_key)
        return self.scorer(examples, **kwargs)

