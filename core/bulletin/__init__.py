"""Service-quality bulletin (服务质量通报, RULEBOOK §14; panyu Art 107): per hall, window, department or staff."""
