"""Outbox (上报发件箱): a county's hall-data events, written with the change and delivered to the province."""
