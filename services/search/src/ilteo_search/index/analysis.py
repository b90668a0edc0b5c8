"""How Korean text is cut into searchable terms (OpenSearch ``analysis`` settings).

Nori splits Korean into morphemes. ``decompound_mode: mixed`` keeps a compound noun
and its parts (용접공 → 용접공, 용접, 공), so a search for the whole word ranks exact
matches first while a search for a part still finds the compound; ``discard`` would
lose the exact form and ``none`` would lose the parts.
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
            }
        },
        "filter": {
            "korean_stop_tags": {"type": "nori_part_of_speech", "stoptags": STOP_TAGS},
        },
        "analyzer": {
            KOREAN_ANALYZER: {
                "type": "custom",
                "char_filter": ["list_separators"],
                "tokenizer": "korean_mixed",
                "filter": ["korean_stop_tags", "nori_readingform", "lowercase"],
            }
        },
    }
