"""Custom GX expectations for the lkjip rules (importing this module registers them).

- ExpectColumnPairIntervalsToOverlap: two interval columns ("[low, high]", exact
  decimals) overlap row by row (XBRL Calculations 1.1; sum, formula and aggregate
  rules, and reconcile figures).
- ExpectGradeToMatchBand: a stated grade is the predicate of the band its score falls
  in, under a band set given as a parameter (band rules).
- ExpectLabelToMatchCondition: a stated category ("Efisien") is the label of a condition
  of the rule language over the row's figures (formula rules with `labels`).
- ExpectParentKodeToBePresent: a kegiatan's program (a sub kegiatan's kegiatan) is a
  kode of the same table when the table lists that level (DAT003); the check is the
  same check as the native engine's (validator/engine/shapes.py).
- ExpectColumnValuesToNotRepeatEarlierRows: no value repeats one of an earlier row of
  the batch (REV002: a version reuses the sequence of one listed before it; GX's
  ExpectColumnValuesToBeUnique would flag the first of them too).

Each metric calls the native engine's predicate (validator/engine/shapes.py), so both
engines judge an item the same way. Only pandas batches are supported: lkjip's frames
are built in memory.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar, Literal

import pandas as pd
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import (
    ColumnMapExpectation,
    ColumnPairMapExpectation,
    MulticolumnMapExpectation,
)
from great_expectations.expectations.metrics.map_metric_provider import (
    ColumnMapMetricProvider,
    ColumnPairMapMetricProvider,
    MulticolumnMapMetricProvider,
    column_condition_partial,
    column_pair_condition_partial,
    multicolumn_condition_partial,
)
from great_expectations.render.renderer_configuration import RendererConfiguration, RendererValueType

from validator.bands import BandSet, GradeBand
from validator.engine import shapes
from validator.engine.items import inputs_from_text
from validator.intervals import Interval

PAIR_DOMAIN = ("batch_id", "table", "column_A", "column_B", "row_condition", "condition_parser",
               "ignore_row_if")
MULTI_DOMAIN = ("batch_id", "table", "column_list", "row_condition", "condition_parser", "ignore_row_if")
PARENT_COLUMNS = ["table", "kode", "level", "parent", "parent_level"]


def parse_interval(text: str) -> Interval:
    low, high = text.strip().strip("[]").split(",")
    return Interval(Decimal(low), Decimal(high))


def band_set_from(data: dict[str, Any]) -> BandSet:
    bands = tuple(GradeBand(b["predikat"], b.get("interpretasi", ""), Decimal(str(b["bawah"])),
                            Decimal(str(b["atas"]))) for b in data["bands"])
    exclusive = data.get("lower_bound", "exclusive") == "exclusive"
    return BandSet(data["id"], data.get("name", data["id"]), exclusive, bands)


def band_set_data(band_set: BandSet) -> dict[str, Any]:
    """A band set as JSON data for an expectation's parameters (bounds as exact text)."""
    return {"id": band_set.id, "name": band_set.name,
            "lower_bound": "exclusive" if band_set.lower_exclusive else "inclusive",
            "bands": [{"predikat": b.predikat, "bawah": str(b.bawah), "atas": str(b.atas)}
                      for b in band_set.bands]}


# -- metrics ----------------------------------------------------------------------------------


class ColumnPairIntervalsOverlap(ColumnPairMapMetricProvider):  # type: ignore[misc]
    condition_metric_name = "column_pair_values.lkjip_intervals_overlap"
    condition_domain_keys = PAIR_DOMAIN
    condition_value_keys = ()

    @column_pair_condition_partial(engine=PandasExecutionEngine)  # type: ignore[untyped-decorator]
    def _pandas(cls, column_A: pd.Series, column_B: pd.Series, **kwargs: Any) -> pd.Series:
        values = [shapes.intervals_overlap(parse_interval(a), parse_interval(b))
                  for a, b in zip(column_A, column_B, strict=True)]
        return pd.Series(values, index=column_A.index, dtype=bool)


class ColumnPairGradeMatchesBand(ColumnPairMapMetricProvider):  # type: ignore[misc]
    condition_metric_name = "column_pair_values.lkjip_grade_matches_band"
    condition_domain_keys = PAIR_DOMAIN
    condition_value_keys = ("band_set",)

    @column_pair_condition_partial(engine=PandasExecutionEngine)  # type: ignore[untyped-decorator]
    def _pandas(cls, column_A: pd.Series, column_B: pd.Series, **kwargs: Any) -> pd.Series:
        band_set = band_set_from(kwargs["band_set"])
        values = [shapes.grade_matches(band_set, Decimal(s), g)
                  for s, g in zip(column_A, column_B, strict=True)]
        return pd.Series(values, index=column_A.index, dtype=bool)


class ColumnPairLabelMatchesCondition(ColumnPairMapMetricProvider):  # type: ignore[misc]
    condition_metric_name = "column_pair_values.lkjip_label_matches_condition"
    condition_domain_keys = PAIR_DOMAIN
    condition_value_keys = ("condition", "labels")

    @column_pair_condition_partial(engine=PandasExecutionEngine)  # type: ignore[untyped-decorator]
    def _pandas(cls, column_A: pd.Series, column_B: pd.Series, **kwargs: Any) -> pd.Series:
        condition, labels = kwargs["condition"], kwargs["labels"]
        values = [shapes.label_matches(condition, labels, inputs_from_text(i), s)
                  for i, s in zip(column_A, column_B, strict=True)]
        return pd.Series(values, index=column_A.index, dtype=bool)


class MulticolumnParentKodePresent(MulticolumnMapMetricProvider):  # type: ignore[misc]
    condition_metric_name = "multicolumn_values.lkjip_parent_kode_present"
    condition_domain_keys = MULTI_DOMAIN
    condition_value_keys = ()

    @multicolumn_condition_partial(engine=PandasExecutionEngine)  # type: ignore[untyped-decorator]
    def _pandas(cls, column_list: pd.DataFrame, **kwargs: Any) -> pd.Series:
        rows: list[dict[str, Any]] = [
            {str(k): v for k, v in row.items()}
            for row in column_list.astype(object).where(column_list.notna(), None).to_dict("records")]
        return pd.Series([not missing for missing in shapes.parents_missing(rows)], index=column_list.index,
                         dtype=bool)


class ColumnValuesNotRepeatingEarlierRows(ColumnMapMetricProvider):  # type: ignore[misc]
    condition_metric_name = "column_values.lkjip_not_repeating_earlier_rows"
    condition_domain_keys = ("batch_id", "table", "column", "row_condition", "condition_parser")
    condition_value_keys = ()

    @column_condition_partial(engine=PandasExecutionEngine)  # type: ignore[untyped-decorator]
    def _pandas(cls, column: pd.Series, **kwargs: Any) -> pd.Series:
        return pd.Series([not repeat for repeat in shapes.repeats_earlier(column)], index=column.index,
                         dtype=bool)


# -- expectations -----------------------------------------------------------------------------


def _pair_template(renderer_configuration: RendererConfiguration, text: str) -> RendererConfiguration:
    for name in ("column_A", "column_B"):
        renderer_configuration.add_param(name=name, param_type=RendererValueType.STRING)
    renderer_configuration.template_str = text
    return renderer_configuration


class ExpectColumnPairIntervalsToOverlap(ColumnPairMapExpectation):  # type: ignore[misc]
    """Row by row, the interval in column_A ("[low, high]") overlaps the one in column_B.

    A printed figure stands for every value that prints that way; a stated total or
    derived figure is consistent when its interval overlaps the range of its formula.
    Rows where either interval is missing (an unreadable input) are not judged.
    """

    ignore_row_if: Literal["both_values_are_missing", "either_value_is_missing", "neither"] = (
        "either_value_is_missing"
    )
    map_metric = "column_pair_values.lkjip_intervals_overlap"
    success_keys = ("column_A", "column_B", "ignore_row_if", "mostly")
    args_keys = ("column_A", "column_B")
    library_metadata: ClassVar[dict[str, Any]] = {"maturity": "experimental", "tags": ["lkjip"],
                                                  "contributors": ["lkjip"]}

    @classmethod
    def _prescriptive_template(cls, renderer_configuration: RendererConfiguration) -> RendererConfiguration:
        return _pair_template(renderer_configuration,
                              "Intervals in $column_A must overlap the intervals in $column_B.")


class ExpectGradeToMatchBand(ColumnPairMapExpectation):  # type: ignore[misc]
    """Row by row, the grade in column_B is the predicate of the band of the score in
    column_A under `band_set` ({id, name, lower_bound, bands: [{predikat, bawah, atas}]})."""

    band_set: dict[str, Any]
    ignore_row_if: Literal["both_values_are_missing", "either_value_is_missing", "neither"] = (
        "either_value_is_missing"
    )
    map_metric = "column_pair_values.lkjip_grade_matches_band"
    success_keys = ("column_A", "column_B", "band_set", "ignore_row_if", "mostly")
    args_keys = ("column_A", "column_B", "band_set")
    library_metadata: ClassVar[dict[str, Any]] = {"maturity": "experimental", "tags": ["lkjip"],
                                                  "contributors": ["lkjip"]}

    @classmethod
    def _prescriptive_template(cls, renderer_configuration: RendererConfiguration) -> RendererConfiguration:
        return _pair_template(renderer_configuration,
                              "Grades in $column_B must be the band predicate of the scores in $column_A.")


class ExpectLabelToMatchCondition(ColumnPairMapExpectation):  # type: ignore[misc]
    """Row by row, the label in column_B is `labels["true"]` when `condition` (lkjip's rule
    language) holds over the inputs in column_A (JSON), else `labels["false"]`."""

    condition: str
    labels: dict[str, str]
    ignore_row_if: Literal["both_values_are_missing", "either_value_is_missing", "neither"] = (
        "either_value_is_missing"
    )
    map_metric = "column_pair_values.lkjip_label_matches_condition"
    success_keys = ("column_A", "column_B", "condition", "labels", "ignore_row_if", "mostly")
    args_keys = ("column_A", "column_B", "condition", "labels")
    library_metadata: ClassVar[dict[str, Any]] = {"maturity": "experimental", "tags": ["lkjip"],
                                                  "contributors": ["lkjip"]}

    @classmethod
    def _prescriptive_template(cls, renderer_configuration: RendererConfiguration) -> RendererConfiguration:
        renderer_configuration.add_param(name="condition", param_type=RendererValueType.STRING)
        return _pair_template(renderer_configuration,
                              "Labels in $column_B must be those of the condition $condition over $column_A.")


class ExpectParentKodeToBePresent(MulticolumnMapExpectation):  # type: ignore[misc]
    """Each row's parent kode is a kode of its table when the table lists the parent's
    level (column_list: table, kode, level, parent, parent_level)."""

    column_list: list[str] = PARENT_COLUMNS
    ignore_row_if: Literal["all_values_are_missing", "any_value_is_missing", "never"] = "never"
    map_metric = "multicolumn_values.lkjip_parent_kode_present"
    success_keys = ("column_list", "ignore_row_if", "mostly")
    args_keys = ("column_list",)
    library_metadata: ClassVar[dict[str, Any]] = {"maturity": "experimental", "tags": ["lkjip"],
                                                  "contributors": ["lkjip"]}

    @classmethod
    def _prescriptive_template(cls, renderer_configuration: RendererConfiguration) -> RendererConfiguration:
        renderer_configuration.template_str = "Every parent kode must be a kode of the same table."
        return renderer_configuration


class ExpectColumnValuesToNotRepeatEarlierRows(ColumnMapExpectation):  # type: ignore[misc]
    """No value of the column equals the value of an earlier row of the batch (rows in
    their order; missing values are not judged). The first row with a value passes, each
    later row with the same value fails: unlike ExpectColumnValuesToBeUnique, which fails
    every row of a repeated value."""

    map_metric = "column_values.lkjip_not_repeating_earlier_rows"
    success_keys = ("mostly",)
    args_keys = ("column",)
    library_metadata: ClassVar[dict[str, Any]] = {"maturity": "experimental", "tags": ["lkjip"],
                                                  "contributors": ["lkjip"]}

    @classmethod
    def _prescriptive_template(cls, renderer_configuration: RendererConfiguration) -> RendererConfiguration:
        renderer_configuration.add_param(name="column", param_type=RendererValueType.STRING)
        renderer_configuration.template_str = "Values in $column must not repeat the value of an earlier row."
        return renderer_configuration


CUSTOM = (ExpectColumnPairIntervalsToOverlap, ExpectGradeToMatchBand, ExpectLabelToMatchCondition,
          ExpectParentKodeToBePresent, ExpectColumnValuesToNotRepeatEarlierRows)
