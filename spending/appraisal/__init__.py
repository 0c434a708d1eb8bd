"""The three tests (affordability, mission critical, ten-year), computed when read from a case's own rows.

`evaluate(cases)` loads what every test reads for a batch of cases in a fixed number of queries and returns
one `Appraisal` per case. Nothing is stored: change a cost, an allocation or an observation and the next
read shows the new result. The tests never decide: the Treasury records its judgement and decision.
"""

from spending.appraisal.compute import Appraisal, TestResult, evaluate, evaluate_one

__all__ = ["Appraisal", "TestResult", "evaluate", "evaluate_one"]
