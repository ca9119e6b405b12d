"""Provincial queries: the area bulletin, rankings and trends (CSV/XLSX: core/province/export.py)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.province import service as province_service
from core.province.reports import load_area_bulletin, visible
from core.province.service import AreaGroup, RankingMetric
from core.province.types import (AreaBulletinRowType, AreaBulletinType, AreaGroupEnum, RankingMetricEnum, ServiceRankingType,
                                 ServiceTrendType, TrendPointType, TrendSeriesType)
from core.errors import DomainError

Province = Annotated[str | None, strawberry.argument(description="GB/T 2260 province code, e.g. 44 (广东)")]
Jurisdiction = Annotated[str | None, strawberry.argument(description="a jurisdiction (county) code, e.g. panyu")]
From = Annotated[date, strawberry.argument(name="from", description="first local day (included)")]
To = Annotated[date, strawberry.argument(description="last local day (included)")]


@strawberry.type
class ProvinceQuery:
    @strawberry.field(description="服务质量通报 of a province or a county for a period, one row per hall, department "
                                  "type or county (also GET /exports/area-bulletin.csv|.xlsx with the same arguments)")
    async def area_bulletin(self, info: Info, from_: From, to: To, province: Province = None,
                            jurisdiction: Jurisdiction = None,
                            group_by: AreaGroupEnum = AreaGroup.HALL) -> AreaBulletinType:
        bulletin = await load_area_bulletin(info.context, province=province, jurisdiction=jurisdiction,
                                            group=AreaGroup(group_by.value), first=from_, last=to)
        return AreaBulletinType.build(bulletin, visible(bulletin, bulletin.rows))

    @strawberry.field(description="排名 of the halls, department types or counties of a province or county on one "
                                  "metric, ties shown (also GET /exports/ranking.csv|.xlsx)")
    async def service_ranking(self, info: Info, from_: From, to: To, metric: RankingMetricEnum,
                              province: Province = None, jurisdiction: Jurisdiction = None,
                              group_by: AreaGroupEnum = AreaGroup.HALL) -> ServiceRankingType:
        bulletin = await load_area_bulletin(info.context, province=province, jurisdiction=jurisdiction,
                                            group=AreaGroup(group_by.value), first=from_, last=to)
        metric = RankingMetric(metric.value)
        ranked = province_service.rank(bulletin.rows, metric)
        return ServiceRankingType.build(bulletin, metric, visible(bulletin, ranked))

    @strawberry.field(description="环比: a metric month by month for each row of a province or county")
    async def service_trend(
        self, info: Info, month: Annotated[date, strawberry.argument(description="any day of the last month shown")],
        metric: RankingMetricEnum, province: Province = None, jurisdiction: Jurisdiction = None,
        group_by: AreaGroupEnum = AreaGroup.HALL,
        months: Annotated[int, strawberry.argument(description="how many months, 2 to 12")] = 6,
    ) -> ServiceTrendType:
        if not 2 <= months <= 12:
            raise DomainError("VALIDATION_FAILED", {"field": "months", "field_label": "months", "reason": "应为 2 到 12",
                                                    "reason_en": "must be 2 to 12"}, field_name="months")
        metric, group = RankingMetric(metric.value), AreaGroup(group_by.value)
        series: dict[str, TrendSeriesType] = {}
        labels, area_name = [], ""
        for first, last in province_service.months_back(month, months):
            bulletin = await load_area_bulletin(info.context, province=province, jurisdiction=jurisdiction,
                                                group=group, first=first, last=last)
            area_name = bulletin.area.label
            labels.append(f"{first:%Y-%m}")
            for row in visible(bulletin, bulletin.rows):
                shown = AreaBulletinRowType.from_row(row)
                entry = series.setdefault(row.key, TrendSeriesType(key=shown.key, subject_id=shown.subject_id,
                                                                   subject_name=row.subject_name, points=[]))
                value = row.metric(metric)
                previous = entry.points[-1].value if entry.points else None
                while len(entry.points) < len(labels) - 1:  # a row that had no figures in earlier months
                    entry.points.append(TrendPointType(month=labels[len(entry.points)], value=None, change=None))
                    previous = None
                change = value - previous if value is not None and previous is not None else None
                entry.points.append(TrendPointType(month=labels[-1], value=value, change=change))
        for entry in series.values():  # a row with no figures in the last months
            entry.points += [TrendPointType(month=label, value=None, change=None) for label in labels[len(entry.points):]]
        return ServiceTrendType(area_name=area_name, group_by=group, metric=metric, months=labels,
                                series=list(series.values()))
