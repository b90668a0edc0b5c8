"""How Korean text is cut into searchable terms (OpenSearch ``analysis`` settings).

Nori splits Korean into morphemes. ``decompound_mode: mixed`` keeps a compound noun
and its parts (용접공 → 용접공, 용접, 공), so a search for the whole word ranks exact
matches first while a search for a part still finds the compound; ``discard`` would
lose the exact form and ``none`` would lose the parts.

Queries go through ``korean_search``: the same chain with ``discard`` decompounding
and the job-domain synonyms. Lucene's ``synonym_graph`` misreads a token graph as its
input (with ``mixed``, 주방 expanded to stray pieces such as 리원), while ``discard``
gives it a flat stream; the parts it keeps still match the indexed ``mixed`` terms.

Suggestions (``title_suggest``) are cut on spaces only (``suggest``). Measured on
Korean titles: with Nori, the prefix 요양보 of 요양보호사 is split into 요양 + 보 and
finds nothing, and 주방 보 also matched 주야간보호센터; a ``completion`` field finds
요양보 but not 조리 inside 한식 조리사 모집. Whole-word edge n-grams find all three.
"""

from typing import Any

# Korean lists are glued with a middle dot (사무ㆍ회계, 요양·간병): without a space,
# the tokenizer would read the whole run as one unknown word.
LIST_SEPARATORS = ("ㆍ", "·", "・", "‧", "/", "|")

# Part-of-speech tags that carry no meaning for search: endings, particles,
# suffixes, punctuation (the tags of Nori's dictionary, mecab-ko-dic).
STOP_TAGS = (
    *("EP", "EF", "EC", "ETN", "ETM"),  # verbal endings (어미)
    *("JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC"),  # particles (조사)
    *("MAG", "MAJ", "MM"),  # adverbs and determiners
    *("IC", "NA", "UNA", "VSV"),  # interjections, unanalysable runs
    *("SP", "SSC", "SSO", "SC", "SE"),  # spaces, brackets, separators
    *("XPN", "XSA", "XSN", "XSV"),  # prefixes and suffixes
)

KOREAN_ANALYZER = "korean"
KOREAN_SEARCH_ANALYZER = "korean_search"
"""The query-side analyzer: ``korean`` plus the job-domain synonyms."""

SUGGEST_ANALYZER = "suggest"
SUGGEST_SEARCH_ANALYZER = "suggest_search"

# Words job seekers use for the same job, applied at search time only, so that the
# list can change without reindexing. Each line is one group of equivalents.
JOB_SYNONYMS = (
    "알바, 아르바이트, 파트타임",
    "경리, 회계사무원, 회계사무",
    "요양보호사, 간병, 간병인",
    "조리사, 요리사, 주방, 조리원",
    "용접공, 용접사",
    "택배, 배송, 배달",
    "미화원, 청소원, 환경미화",
    "경비원, 보안요원",
    "사무보조, 사무원",
    "간호조무사, 간호보조",
    "지게차, 지게차운전",
    "정규직, 상용직",
    "개발자, 프로그래머",
)

# Words of job postings that Nori's dictionary lacks and cuts wrongly: 용접사 became
# 용 + 접사 (and 배관용접사 lost 용 as a prefix), 알바 after a noun became 알 + 바
# (물류센터 알바 → 알), 용접사모집 became 용접 + 사모 + 집. A word with parts is
# indexed whole and in parts (``mixed``); queries see the parts (``discard``).
JOB_WORDS = (
    "알바",
    "알바생 알바 생",
    "용접사 용접 사",
    "용접공 용접 공",
)


_SPACE_SEPARATED: dict[str, Any] = {
    "type": "custom",
    "char_filter": ["list_separators"],
    "tokenizer": "standard",
    "filter": ["lowercase"],
}


def analysis_settings() -> dict[str, Any]:
    return {
        "char_filter": {
            "list_separators": {
                "type": "mapping",
                "mappings": [f"{sep} => \\u0020" for sep in LIST_SEPARATORS],
            }
        },
        "tokenizer": {
            "korean_mixed": {
                "type": "nori_tokenizer",
                "decompound_mode": "mixed",
                "discard_punctuation": True,
                "user_dictionary_rules": list(JOB_WORDS),
            },
            "korean_discard": {
                "type": "nori_tokenizer",
                "decompound_mode": "discard",
                "discard_punctuation": True,
                "user_dictionary_rules": list(JOB_WORDS),
            },
        },
        "filter": {
            "korean_stop_tags": {"type": "nori_part_of_speech", "stoptags": STOP_TAGS},
            "job_synonyms": {
                "type": "synonym_graph",
                "synonyms": list(JOB_SYNONYMS),
                # A rule whose words the analyzer drops must not refuse the index.
                "lenient": True,
            },
        },
        "analyzer": {
            KOREAN_ANALYZER: {
                "type": "custom",
                "char_filter": ["list_separators"],
                "tokenizer": "korean_mixed",
                "filter": ["korean_stop_tags", "nori_readingform", "lowercase"],
            },
            KOREAN_SEARCH_ANALYZER: {
                "type": "custom",
                "char_filter": ["list_separators"],
                "tokenizer": "korean_discard",
                "filter": [
                    "korean_stop_tags",
                    "nori_readingform",
                    "lowercase",
                    "job_synonyms",
                ],
            },
            SUGGEST_ANALYZER: _SPACE_SEPARATED,
            SUGGEST_SEARCH_ANALYZER: _SPACE_SEPARATED,
        },
    }
