"""Service items (政务服务事项): the catalogue and the items a hall offers."""
