"""The log scanner that checks the suite's logs finds ID numbers and phones however they are written."""

from __future__ import annotations

import logging

from tests.privacy.log_scan import PersonalDataLogScanner, find_personal_data


def test_the_scanner_finds_id_numbers_and_phones_and_reports_them_masked():
    text = "applicant 44011319900101123X called from +86 138-1234-5678 and 13912345678; old id 440113900101123"
    kinds = [kind for kind, _ in find_personal_data(text)]
    assert kinds.count("id_number") == 2 and kinds.count("phone") == 2
    assert all("1234" not in masked[3:-4] for _, masked in find_personal_data(text))


def test_the_scanner_leaves_ids_timestamps_and_ciphertext_alone():
    text = ("case 3f2a9c1e-5b7d-4e1a-9c3b-2d4e6f8a0b1c at 2026-12-06T06:25:26+00:00 serial TC20261206000123 "
            "$pii1$k20261206062526ab12$Kx8f0b2Q13812345678zz== count 1234567")
    assert find_personal_data(text) == []


def test_a_logged_record_with_personal_data_is_caught():
    scanner = PersonalDataLogScanner()
    logger = logging.getLogger("tingwu.test.scan")
    logger.addHandler(scanner)
    logger.propagate = False  # (the suite's own scanner must not see this deliberate record)
    try:
        logger.error("failed for %s", "13812345678")
        logger.error("failed for case %s", "TC0001")
    finally:
        logger.removeHandler(scanner)
        logger.propagate = True
    assert scanner.hits == [("tingwu.test.scan", "phone", "138****5678")]


def test_what_a_server_process_logged_is_scanned_too():
    from tests.privacy import log_scan

    scanner = log_scan.ACTIVE
    assert scanner is not None  # installed for the whole session by tests/conftest.py
    before = len(scanner.hits)
    log_scan.scan_server_output("tingwu process", '{"event": "called 13791035628"}\n{"event": "ok"}')
    try:
        assert scanner.hits[before:] == [("tingwu process", "phone", "137****5628")]
    finally:
        del scanner.hits[before:]  # the planted number is not a finding of the suite
