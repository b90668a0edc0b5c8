"""Reciprocal rank fusion."""

from ilteo_search.api.fusion import reciprocal_rank_fusion


class TestReciprocalRankFusion:
    def test_agreement_beats_one_first_place(self) -> None:
        fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "d"]], k=60)

        assert fused[0] == "b"
        assert set(fused) == {"a", "b", "c", "d"}

    def test_ties_keep_the_first_list_first(self) -> None:
        fused = reciprocal_rank_fusion([["a"], ["b"]], k=60)

        assert fused == ["a", "b"]

    def test_a_repeat_within_a_list_counts_once(self) -> None:
        fused = reciprocal_rank_fusion([["a", "a", "b"], ["b"]], k=1)

        # b: 1/3 + 1/2 beats a: 1/2
        assert fused == ["b", "a"]

    def test_empty_lists(self) -> None:
        assert reciprocal_rank_fusion([[], []]) == []
