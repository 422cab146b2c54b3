"""The fault matrix's table (tests_browser/fault_matrix.py) against its document, the
scenarios and the native tests it names. Fast: no target runs here (test_targets does)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import scenarios  # noqa: E402

fault_matrix = scenarios.fault_matrix
DOC = ROOT / "docs" / "fault_matrix.md"


def _doc_rows() -> dict[str, str]:
    """Row name -> scenario name, from the document's table."""
    rows = re.findall(r"^\| `([a-z0-9_]+)` \|.*\| `([a-z0-9_]+)` \|[^|]*\|$", DOC.read_text(), re.M)
    return dict(rows)


def test_the_document_is_the_table() -> None:
    assert DOC.read_text(encoding="utf-8") == fault_matrix.render(), (
        "docs/fault_matrix.md is stale: python tests_browser/fault_matrix.py > docs/fault_matrix.md"
    )


def test_every_row_of_the_document_has_a_scenario_and_every_row_is_in_it() -> None:
    doc = _doc_rows()
    assert set(doc) == {row.name for row in fault_matrix.ROWS}
    assert len(fault_matrix.ROWS) == len(fault_matrix.BY_NAME)  # no name twice
    for name, scenario in doc.items():
        assert scenario in scenarios.SCENARIOS, (name, scenario)
        assert fault_matrix.BY_NAME[name].scenario == scenario


def test_generated_rows_carry_their_outcome_and_older_ones_point_at_a_check() -> None:
    for row in fault_matrix.ROWS:
        generated = row.scenario in fault_matrix.SCENARIOS
        assert (row.expect is not None) == generated, row.name
        assert row.chromium is None or row.targets, row.name  # a difference says why
    for name in fault_matrix.SCENARIOS:
        assert fault_matrix.rows_of(name), name


def test_the_issue_rows_are_all_there() -> None:
    statuses = (408, 409, 429, 500, 502, 503, 504)
    forms = ("seconds", "date", "ms", "absent", "invalid", "too_large")
    wanted = {f"status_{s}_{f}" for s in statuses for f in forms} | {
        "reset_before_headers",
        "reset_mid_body",
        "reset_mid_stream",
        "reset_with_the_last_bytes",
        "slow_headers",
        "stalled_stream",
        "slow_trickle",
        "malformed_event",
        "oversized_event",
        "split_events",
        "invalid_utf8",
        "truncated_json",
        "proxy_html_200",
        "proxy_html_502",
        "ws_close_mid_response",
        "ws_close_frame_mid_response",
        "error_event",
        "ws_error_event",
        "dns_failure",
        "connection_refused",
        "never_closes_chat",
        "never_closes_responses",
    }
    assert wanted <= set(fault_matrix.BY_NAME)


def test_the_native_tests_named_exist() -> None:
    for row in fault_matrix.ROWS:
        for test in row.tests:
            path, _, name = test.partition("::")
            assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), (row.name, test)
