"""Pages of the spending app: the case workflow, the Treasury's records, /treasury/ and the public register."""
