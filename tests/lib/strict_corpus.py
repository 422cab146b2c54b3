"""Pydantic models for the strict-schema oracle comparisons."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic import dataclasses as pyd_dataclasses
from typing_extensions import TypedDict

T = TypeVar("T")


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


class Priority(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Simple(BaseModel):
    name: str
    age: int
    score: float
    active: bool


class WithDocs(BaseModel):
    """A documented model."""

    city: str = Field(description="The city name", title="City Name")
    unit: Literal["c", "f"] = Field(description="Temperature unit")


class Address(BaseModel):
    street: str
    zip: str = Field(pattern=r"^\d{5}$")


class Person(BaseModel):
    """Someone."""

    name: str
    home: Address
    work: Address | None = None
    previous: list[Address] = []
    billing: Address = Field(description="Where invoices go")


class Optionals(BaseModel):
    a: int | None = None
    b: int | None
    c: str | None = Field(default=None, description="maybe c")
    d: Address | None = None
    e: list[int] | None = None


class Defaults(BaseModel):
    count: int = 3
    label: str = "x"
    flags: list[str] = Field(default_factory=list)
    color: Color = Color.RED


class Enums(BaseModel):
    color: Color
    priority: Priority
    maybe_color: Color | None = None
    colors: list[Color]
    lit: Literal["a", "b", "c"]
    one: Literal["only"]
    mixed: Literal[1, "two"]


class Unions(BaseModel):
    value: int | str
    many: list[int | str | None]
    obj: Address | Simple
    nested: list[Address] | Address | None = None


class Node(BaseModel):
    value: int
    children: list[Node] = []


class Tree(BaseModel):
    root: Node
    best: Node | None = None


class LinkedItem(BaseModel):
    name: str
    next: LinkedItem | None = Field(default=None, description="The next item")


class Cat(BaseModel):
    kind: Literal["cat"]
    meows: int


class Dog(BaseModel):
    kind: Literal["dog"]
    barks: float


class Owner(BaseModel):
    pet: Annotated[Cat | Dog, Field(discriminator="kind")]
    pets: list[Annotated[Cat | Dog, Field(discriminator="kind")]]


class Collections(BaseModel):
    tags: list[str]
    matrix: list[list[float]]
    people: list[Person]
    constrained: list[int] = Field(min_length=1, max_length=5)


class Numbers(BaseModel):
    ratio: float = Field(ge=0, le=1)
    count: int = Field(gt=0, multiple_of=2)
    text: str = Field(min_length=1, max_length=20)


class DatesAndFormats(BaseModel):
    when: dt.datetime
    day: dt.date
    email_like: str = Field(json_schema_extra={"format": "email"})


class Aliased(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    first_name: str = Field(alias="firstName")
    last: str


class Forbid(BaseModel):
    model_config = ConfigDict(extra="forbid")

    x: int


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int


class Reuse(BaseModel):
    a: Address
    b: Address
    c: list[Address]
    d: Address | None
    e: Address = Field(description="described ref")


class Deep(BaseModel):
    class Inner(BaseModel):
        class Innermost(BaseModel):
            x: int

        inner: Innermost
        items: list[Innermost]

    inner: Inner
    tree: Tree


class TD(TypedDict):
    name: str
    count: int


class HasTypedDict(BaseModel):
    td: TD


@pyd_dataclasses.dataclass
class PydDataclass:
    name: str
    tags: list[str]


@dataclass
class StdDataclass:
    x: int
    y: Address


class Everything(BaseModel):
    """Kitchen sink."""

    simple: Simple
    docs: WithDocs
    person: Person
    opts: Optionals
    enums: Enums
    unions: Unions
    tree: Tree
    owner: Owner
    page: Page[Address]


# Models strict mode cannot express: the official SDK emits a schema the API refuses.
class WithDict(BaseModel):
    mapping: dict[str, int]


class WithNestedDict(BaseModel):
    inner: list[dict[str, Address]]


class WithAny(BaseModel):
    anything: Any


CORPUS: list[object] = [
    Simple,
    WithDocs,
    Address,
    Person,
    Optionals,
    Defaults,
    Enums,
    Unions,
    Node,
    Tree,
    LinkedItem,
    Cat,
    Owner,
    Collections,
    Numbers,
    DatesAndFormats,
    Aliased,
    Forbid,
    Page[Address],
    Page[int],
    Reuse,
    Deep,
    HasTypedDict,
    Everything,
]

UNEXPRESSIBLE: list[object] = [WithDict, WithNestedDict, WithAny]
