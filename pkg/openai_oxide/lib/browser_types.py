"""The typed shapes of the browser toolset, as the official `openai.lib.browser` names
them: what a driver reports (tabs, observations, reads, file outcomes), what each member
receives, and what `confirm` / `url_policy` are shown. Re-exported by `lib.browser`."""

from __future__ import annotations

from typing import Literal, NotRequired, TypeAlias, TypedDict, get_args


class BrowserTab(TypedDict):
    id: str
    title: str
    url: str
    active: bool


class BrowserTabChange(TypedDict):
    type: Literal["tab_opened", "tab_closed", "tab_switched", "navigation"]
    sequence: int
    tab_id: str


class BrowserNavigationRefused(TypedDict):
    type: Literal["navigation_refused"]
    sequence: int
    tab_id: str | None
    reason: Literal["policy", "unsupported"]


class BrowserDialogDismissed(TypedDict):
    type: Literal["dialog_dismissed"]
    sequence: int
    tab_id: str
    kind: Literal["alert", "confirm", "prompt", "beforeunload", "other"]


class BrowserDownload(TypedDict):
    type: Literal["download"]
    sequence: int
    tab_id: str | None
    status: Literal["blocked", "started", "completed", "failed"]


BrowserStateChange: TypeAlias = (
    BrowserTabChange | BrowserNavigationRefused | BrowserDialogDismissed | BrowserDownload
)


class BrowserObservationV1(TypedDict):
    """A bounded, non-consuming driver observation. Drivers own title filtering."""

    version: Literal[1]
    sequence: int
    dropped_changes: int
    title_truncated: bool
    changes: list[BrowserStateChange]


class BrowserState(TypedDict):
    tabs: list[BrowserTab]
    observation: NotRequired[BrowserObservationV1]


class BrowserReadOption(TypedDict):
    label: str
    value: str
    selected: NotRequired[bool]


_ReadRole: TypeAlias = Literal[
    "button", "textbox", "combobox", "checkbox", "radio", "slider", "listbox"
]


class BrowserReadElement(TypedDict):
    ref: str
    role: _ReadRole
    label: str
    value: NotRequired[str]
    options: NotRequired[list[BrowserReadOption]]
    checked: NotRequired[bool]


_ReadOmission: TypeAlias = Literal[
    "report_limit",
    "text_limit",
    "target_limit",
    "work_limit",
    "frame_limit",
    "unsupported_root",
    "unsupported_control",
    "remote_action",
    "private",
    "value",
    "name_limit",
]
# The omission codes a read report may give, for the toolset's checks of driver reports.
READ_OMISSIONS: tuple[str, ...] = get_args(_ReadOmission)


class BrowserReadV1(TypedDict):
    """An opt-in read report. Drivers own reference identity and DOM privacy."""

    version: Literal[1]
    text: str
    elements: list[BrowserReadElement]
    omitted: list[_ReadOmission]


class BrowserReadScope(TypedDict):
    ref: str
    label: str


class BrowserScopedReadV1(BrowserReadV1):
    """Semantic regions are read scopes, never actionable element references."""

    scopes: list[BrowserReadScope]


class _FileOutcomeBase(TypedDict):
    version: Literal[1]
    cleanup: Literal["not_started", "pending", "completed"]


class _FileCompleted(_FileOutcomeBase):
    status: Literal["completed"]
    effect: Literal["completed"]


class _FileRefused(_FileOutcomeBase):
    status: Literal["refused"]
    effect: Literal["none"]


class _FileUnknown(_FileOutcomeBase):
    status: Literal["unknown"]
    effect: Literal["unknown"]


class _FileInterrupted(_FileOutcomeBase):
    status: Literal["interrupted"]
    effect: Literal["none", "unknown"]


BrowserFileOutcome: TypeAlias = _FileCompleted | _FileRefused | _FileUnknown | _FileInterrupted


class BrowserFileInput(TypedDict):
    grant_id: str


class TabInput(TypedDict):
    tab_id: str | None


class ZoomInput(TabInput):
    """A crop in full-viewport coordinates: left, top, right, bottom."""

    region: list[int]


class NavigateInput(TabInput):
    url: str


class ReadPageInput(TabInput):
    filter: Literal["all", "interactive"]


class ReadPageScopedInput(ReadPageInput):
    root: str | None
    depth: int


class ReadDiagnosticsInput(TabInput):
    source: Literal["console", "network"]
    limit: int


class RunScriptInput(TabInput):
    source: str
    timeout_ms: int


class FindInput(TabInput):
    query: str


class ClickInput(TabInput):
    target: str


class BrowserPoint(TypedDict):
    x: int
    y: int


_Modifier: TypeAlias = Literal["Control", "Alt", "Meta", "Shift"]


class ClickAtInput(TabInput):
    x: int
    y: int
    button: Literal["left", "right", "middle"]
    click_count: Literal[1, 2, 3]
    keys: list[_Modifier]


class HoverAtInput(TabInput):
    x: int
    y: int


class SetCheckedInput(ClickInput):
    checked: bool


class DragPathInput(TabInput):
    path: list[BrowserPoint]
    keys: list[_Modifier]


class HoldKeysInput(TabInput):
    keys: list[str]
    duration_ms: int


class TypeInput(TabInput):
    text: str
    target: str | None


class KeyInput(TabInput):
    keys: list[str]


class ScrollInput(TabInput):
    direction: Literal["up", "down", "left", "right"]
    amount: int


class WaitForInput(TabInput):
    text: str
    timeout_ms: int


class SelectOptionInput(ClickInput):
    values: list[str]


class NewTabInput(TypedDict):
    url: str | None


class BrowserConfirmContext(TypedDict):
    """Consent for fixed action arguments. State is a prior observation, not a document
    or focus lock: document-specific consent needs the driver to check the target."""

    member: str
    arguments: dict[str, object]
    state: BrowserState
    call_id: str


class BrowserReadConfirmContext(TypedDict):
    member: str
    arguments: dict[str, object]
    state: None
    call_id: str
    phase: Literal["before_read"]
