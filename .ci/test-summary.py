#!/usr/bin/env python3
"""Sums the .trx files of a test run into "N passed, N failed, N skipped", after one line per skipped test with its reason."""
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
reasons = []
for path in glob.glob(sys.argv[1] + "/*.trx"):
    root = ET.parse(path).getroot()
    # xunit writes a skipped test's reason as its message; each reason says what would make the test run.
    for result in root.iter("{%s}UnitTestResult" % ns["t"]):
        if result.get("outcome") == "NotExecuted":
            message = result.find("t:Output/t:ErrorInfo/t:Message", ns)
            text = message.text if message is not None and message.text else "no reason given"
            reasons.append(f"skipped {result.get('testName')}: {' '.join(text.split())}")
    summary = root.find("t:ResultSummary", ns)
    counters = summary.find("t:Counters", ns)
    failures = sum(int(counters.get(name, 0)) for name in ("failed", "error", "timeout", "aborted"))
    # A test host that crashed (a stack overflow, say) ends the run "Failed" with no failed test counted:
    # its counters hold only what ran before the crash, so the run itself counts as one failure.
    if summary.get("outcome") not in ("Completed", "Passed", "Warning") and failures == 0:
        reasons.append(f"aborted {path.rsplit('/', 1)[-1]}: the test run ended '{summary.get('outcome')}' without finishing (its output above says why)")
        failures = 1
    passed += int(counters.get("passed", 0))
    failed += failures
    # Skipped tests are counted in total but not in executed.
    skipped += int(counters.get("total", 0)) - int(counters.get("executed", 0))
for line in sorted(reasons):
    print(line)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
