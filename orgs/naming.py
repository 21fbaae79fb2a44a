"""A unit's name as people write it → comparison keys. Plain Python (no Django).

"Sở GD&ĐT", "SỞ GIÁO DỤC VÀ ĐÀO TẠO" and "Sở Giáo dục và Đào tạo tỉnh Lai Châu" must meet, while
"Xã Nậm Tình" must never lose its last word. Two keys per text:

* ``full_key`` — folded (case and diacritics, ``core.text.fold``), punctuation as spaces, common
  abbreviations written out: UBND, HĐND, UBMTTQ/MTTQ, TP. (thành phố) as the shipped list
  ``search/reference/words.toml`` writes them, GD&ĐT/GDĐT, TT. (thị trấn, at the start or after
  "Ủy ban nhân dân"), "&" → "và";
* ``short_key`` — the full key without the province suffix ("… tỉnh Lai Châu"; in what someone
  asked for, a bare trailing "tỉnh" too) and without a leading "Ủy ban nhân dân" before a local
  unit ("UBND xã Bình Lư" → "xã Bình Lư").
"""

import re

from core.text import fold
from search.wording import shipped

PROVINCE = "lai chau"
_PUNCTUATION = re.compile(r"[.,;:()\[\]\"'“”‘’/\-–—_]+")
_GD_DT = re.compile(r"\bgd\s*&\s*dt\b|\bgd\s*-\s*dt\b|\bgddt\b")
# The abbreviations unit names carry in documents, written out as the one shipped list says
# (search/reference/words.toml; the search uses all of it, and the administrator's edits).
# Only these few: a name is compared whole here, and the pool of candidates is narrowed by a
# word of the written-out key on the stored names. "TT" and "GD&ĐT" need context (below).
RESOLVED = ("UBND", "HĐND", "UBMTTQ", "MTTQ", "TP")
_WORDS = {fold(row["short"]): fold(row["full"]) for row in shipped()["abbreviation"]
          if row["short"] in RESOLVED}
# The abbreviations of the departments' names as lists write them ("Sở LĐ-TB&XH", "Sở NN và
# PTNT", "BQL Khu kinh tế"): folded words, "&" already "và", punctuation already spaces.
_PHRASES = tuple((re.compile(rf"(?<!\S){pattern}(?!\S)"), expansion) for pattern, expansion in (
    (r"ld ?tb ?(?:va )?xh|ldtbxh", "lao dong thuong binh va xa hoi"),
    (r"nn ?(?:va )?ptnt|nnptnt", "nong nghiep va phat trien nong thon"),
    (r"ptnt", "phat trien nong thon"),
    (r"nn ?(?:va )?mt|nnmt", "nong nghiep va moi truong"),
    (r"tn ?(?:va )?mt|tnmt", "tai nguyen va moi truong"),
    (r"kh ?(?:va )?dt|khdt", "ke hoach va dau tu"),
    (r"kh ?(?:va )?cn|khcn", "khoa hoc va cong nghe"),
    (r"tt ?(?:va )?tt|tttt", "thong tin va truyen thong"),
    (r"vh ?tt ?(?:va )?dl|vhttdl", "van hoa the thao va du lich"),
    (r"dt ?(?:va )?tg|dttg", "dan toc va ton giao"),
    (r"gtvt", "giao thong van tai"),
    (r"bql|ban ql", "ban quan ly"),
    (r"kkt", "khu kinh te"),
))
_PEOPLES_COMMITTEE = "uy ban nhan dan"
_LOCAL = ("xa ", "phuong ", "thi tran ", "huyen ", "thanh pho ", "thi xa ")
# Words that say what kind of unit a name is, not which one: useless to look a unit up by.
STOPWORDS = frozenset("so xa phuong thi tran huyen thanh pho tinh uy ban nhan dan hoi dong va "
                      "lai chau cua".split())


def full_key(text: str | None) -> str:
    folded = _GD_DT.sub(" giao duc va dao tao ", fold(text))
    words = _PUNCTUATION.sub(" ", folded.replace("&", " va ")).split()
    out: list[str] = []
    for word in words:
        after_committee = " ".join(out[-4:]) == _PEOPLES_COMMITTEE
        if word == "tt" and (not out or after_committee):
            out += ["thi", "tran"]
        else:
            out += _WORDS.get(word, word).split()
    key = " ".join(out)
    for pattern, expansion in _PHRASES:
        key = pattern.sub(expansion, key)
    return key


def short_key(text: str | None, *, provinces: tuple[str, ...] = (PROVINCE,),
              asked: bool = False) -> str:
    """``asked``: the text someone typed, where a bare trailing "tỉnh" ("Sở Y tế tỉnh") is the
    province; in a unit's own name it may be a word of the name ("Xã Nậm Tình")."""
    key = full_key(text)
    for province in provinces:
        suffix = f" tinh {province}"
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    else:
        if asked and key.endswith(" tinh"):
            key = key[: -len(" tinh")]
    prefix = _PEOPLES_COMMITTEE + " "
    if key.startswith(prefix) and key[len(prefix):].startswith(_LOCAL):
        key = key[len(prefix):]
    return key


def lookup_word(key: str) -> str:
    """The most telling word of a key (longest, not a stop word), to narrow a database search;
    "" when every word is one that many names share."""
    words = [w for w in key.split() if w not in STOPWORDS and len(w) > 1]
    return max(words, key=len, default="")
