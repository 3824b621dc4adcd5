"""Typed domain errors: what, why, what to do (R-ACC-4, R-EL-2, R-CAP-3)."""

from __future__ import annotations

from datetime import date

from console_tui.domain.errors import (
    CapacityReached,
    ConflictError,
    DomainError,
    LimitExceeded,
    NotFound,
    PermissionDenied,
    RuleRefused,
    ValidationError,
)


def test_domain_error_is_one_sentence_from_what_why_todo() -> None:
    error = DomainError("Turning EBS off", "the sender status is Unhealthy.", "wait a while")
    assert (
        str(error) == "Turning EBS off was refused: the sender status is Unhealthy. Wait a while."
    )
    assert (error.what, error.why, error.todo) == (
        "Turning EBS off",
        "the sender status is Unhealthy.",
        "wait a while",
    )


def test_every_error_is_a_domain_error() -> None:
    errors = [
        ValidationError({"email": "is required"}),
        PermissionDenied("Billing", "it needs the Administrator role", ["Administrator"]),
        RuleRefused("Removing ACME", "annual term", opens_on=date(2026, 1, 1)),
        CapacityReached("Adding", counted=5, limit=5, plan_name="Starter", todo="upgrade"),
        LimitExceeded("Sending", limit=1, usage=1, adding=1, unit="emails", todo="wait"),
        ConflictError("Saving ACME"),
        NotFound("client", 42),
    ]
    for error in errors:
        assert isinstance(error, DomainError)
        assert " was refused: " in str(error) and str(error).endswith(".")


def test_validation_error_singular_and_field_errors() -> None:
    error = ValidationError({"email": "is required"}, what="Adding the client")
    assert error.field_errors == {"email": "is required"}
    assert str(error) == (
        "Adding the client was refused: 1 field needs attention "
        "(email is required). Correct the fields named and try again."
    )


def test_conflict_and_not_found_say_what_to_do() -> None:
    assert "Reload" in str(ConflictError("Saving ACME"))
    assert str(NotFound("client", 42)) == (
        "Finding client 42 was refused: there is no client 42. Check the client and try again."
    )
