"""The demo's finishing touches: billing charges for the last 12 cycles and this one, team calls, avatars.

Charges come from the billing rules in :mod:`console_tui.domain.billing` (R-BL-1..3), fed with
what the demo generated: each client's emails per cycle, active add-ons, terms and tax rates.
"""

from __future__ import annotations

import io
import random
from datetime import date, datetime, timedelta
from typing import Any

from console_tui.data.cycle_close import cycle_values
from console_tui.data.demo.activity import Service
from console_tui.data.demo.people import ClientSpec
from console_tui.data.demo.write import Record
from console_tui.domain.allowances import SERVICE_CATALOGUE
from console_tui.domain.billing import DIRECT_SUPPORT_CENTS, AddonUse, BillableClient, Pricing, cycle_charges
from console_tui.domain.capacity import default_counts
from console_tui.domain.configuration import Term
from console_tui.domain.cycles import cycle_for, previous_cycle

#: Closed cycles billed before the one in progress (R-BL-5: the billing screens show the last 12).
CLOSED_CYCLES = 12
AVATAR_SIZE = 32
PALETTE = ((0x1F, 0x6F, 0xB2), (0xD9, 0x4F, 0x30), (0x2E, 0x8B, 0x57), (0x8E, 0x44, 0xAD), (0xF3, 0x9C, 0x12),
           (0x16, 0xA0, 0x85), (0xC0, 0x39, 0x2B), (0x34, 0x49, 0x5E))


def pricing_of(plan: dict[str, object]) -> Pricing:
    return Pricing(
        in_pack_license_cents=int(plan["in_pack_price_cents"]),  # type: ignore[call-overload]
        additional_license_cents=int(plan["additional_client_price_cents"]),  # type: ignore[call-overload]
        annual_discount_pct=plan["annual_discount_pct"],  # type: ignore[arg-type]
        included_emails=int(plan["included_emails"]),  # type: ignore[call-overload]
        overage_per_1000_cents=int(plan["overage_per_1000_cents"]),  # type: ignore[call-overload]
        direct_support_cents=DIRECT_SUPPORT_CENTS,
    )


def billing_rows(specs: list[ClientSpec], plan: dict[str, object], today: date, now: datetime,
                 sent: dict[int, list[int]], services: list[Service],
                 rng: random.Random) -> tuple[list[Record], list[dict[str, object]]]:
    """The ``billing_charge`` rows (client_id, cycle, in_pack, provisional, license, product, overage,
    services, agency services, tax, total) of the cycle in progress and the :data:`CLOSED_CYCLES`
    before it, and the ``billing_cycle`` rows of those closed ones (R-BL-1, R-BL-3, R-BL-5).

    A cycle before the generated days gets emails as the client's usual cycle, a little lower the
    further back (the agency grows); the agency's own fee is billed in most cycles, not all.
    """
    pricing = pricing_of(plan)
    addons: dict[int, list[AddonUse]] = {}
    for client_id, service_id, _allowance, active in services:
        addons.setdefault(client_id, []).append(AddonUse(SERVICE_CATALOGUE[service_id - 1], active))
    usual = {cid: _usual(per_cycle) for cid, per_cycle in sent.items()}
    billed = [(spec, _billable(spec, addons)) for spec in specs if spec.kind == "client"]
    rows: list[Record] = []
    closed: list[dict[str, object]] = []
    cycle = cycle_for(today)
    for back in range(CLOSED_CYCLES + 1):
        billable = []
        for spec, base in billed:
            if spec.created.date() > cycle.end or (spec.deleted is not None and spec.deleted.date() < cycle.start):
                continue
            per_cycle = sent.get(spec.id, [])
            emails = (per_cycle[back] if back < len(per_cycle)
                      else int(usual.get(spec.id, 0) * rng.uniform(0.7, 1.2) * (1 - 0.02 * back)))
            fee = spec.agency_services_cents if back == 0 or rng.random() < 0.8 else 0
            billable.append(BillableClient(**base, emails_sent=emails, agency_services_cents=fee))
        charges = cycle_charges(billable, pricing, int(plan["in_pack_licenses"]))  # type: ignore[call-overload]
        rows.extend((c.client_id, cycle.start, c.in_pack, c.provisional, c.license_cents, c.direct_support_cents,
                     c.email_overage_cents, c.addons_cents, c.agency_services_cents, c.tax_cents, c.total_cents)
                    for c in charges)
        if back:
            closed.append(cycle_values(cycle.start, now, charges))
        cycle = previous_cycle(cycle)
    return rows, closed


def _billable(spec: ClientSpec, addons: dict[int, list[AddonUse]]) -> dict[str, Any]:
    """What billing reads of a demo client that is the same in every cycle (all but emails and the fee)."""
    config = spec.config
    complete = all(config[name] is not None for name in
                   ("license_term", "license_start", "billing_contact", "billing_email", "tax_rate"))
    license_term = config["license_term"]
    return {"client_id": spec.id, "created_on": spec.created.date(), "kind": spec.kind,
            "status_counts": default_counts(spec.status),
            "term": Term(license_term) if isinstance(license_term, str) and license_term else None,
            "tax_rate": config["tax_rate"], "margin_protection": bool(config["margin_protection"]),
            "config_complete": complete, "addons": tuple(addons.get(spec.id, ())),
            "direct_support": bool(spec.options["direct_support"])}


def _usual(per_cycle: list[int]) -> int:
    """A client's emails in a whole cycle: the most it sent in one of the generated cycles."""
    return max(per_cycle, default=0)


def team_calls(rng: random.Random, specs: list[ClientSpec], now: datetime, url_template: str) -> list[Record]:
    """(id, client_id, started_by_id, started_at, url, participant_ids) for a few recent calls."""
    eligible = [s for s in specs if s.kind == "client" and s.stop is None and s.users]
    chosen = rng.sample(eligible, min(len(eligible), max(3, min(60, len(specs) // 200))))
    rows: list[Record] = []
    for number, spec in enumerate(sorted(chosen, key=lambda s: s.id), start=1):
        started = now - timedelta(seconds=rng.randint(3_600, 14 * 86_400))
        by = rng.choice(spec.managers + [1])
        people = rng.sample(spec.users, min(len(spec.users), rng.randint(1, 3)))
        room = f"c{spec.id}-{rng.getrandbits(32):08x}"
        rows.append((number, spec.id, by, started, url_template.format(room=room), {"ids": [u.id for u in people]}))
    return rows


def avatar_png(rng: random.Random) -> bytes:
    """A tiny company logo: a coloured tile with a simple shape (PNG bytes, deterministic)."""
    from PIL import Image, ImageDraw

    background, foreground = rng.sample(PALETTE, 2)
    image = Image.new("RGB", (AVATAR_SIZE, AVATAR_SIZE), background)
    draw = ImageDraw.Draw(image)
    inset = rng.randint(4, 9)
    box = (inset, inset, AVATAR_SIZE - 1 - inset, AVATAR_SIZE - 1 - inset)
    shape = rng.randrange(3)
    if shape == 0:
        draw.ellipse(box, fill=foreground)
    elif shape == 1:
        draw.rectangle(box, fill=foreground)
    else:
        middle = AVATAR_SIZE // 2
        draw.polygon([(middle, inset), (AVATAR_SIZE - inset, middle), (middle, AVATAR_SIZE - inset), (inset, middle)],
                     fill=foreground)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def avatars(rng: random.Random, specs: list[ClientSpec], now: datetime) -> list[Record]:
    """(client_id, mime_type, width, height, image, updated_at) for a few clients."""
    eligible = [s for s in specs if s.kind == "client" and s.deleted is None]
    chosen = sorted(rng.sample(eligible, min(len(eligible), max(3, min(100, len(specs) // 100)))), key=lambda s: s.id)
    return [(spec.id, "image/png", AVATAR_SIZE, AVATAR_SIZE, avatar_png(rng),
             now - timedelta(seconds=rng.randint(3_600, 200 * 86_400))) for spec in chosen]
