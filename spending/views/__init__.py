"""Pages of the spending app: the case workflow, the Treasury's records, /treasury/, the public register."""
