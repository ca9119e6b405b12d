"""Federation (联邦): Tingwu as an Apollo Federation v2 subgraph of a provincial gateway (省级网关)."""
