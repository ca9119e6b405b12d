"""Windows (窗口) in a hall, their type, status and the staff on them (A/B岗)."""
