"""Halls (政务服务中心/大厅), their specialized sub-halls (专业大厅) and village/community stations."""
