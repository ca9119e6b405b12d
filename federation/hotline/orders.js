// 12345 hotline work orders, kept in memory: they reference Tingwu's halls, staff and cases by their keys.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

export class OrderBook {
  constructor(orders = []) {
    this.orders = [];
    for (const order of orders) this.add(order);
  }

  static fromFile(path) {
    return new OrderBook(path ? JSON.parse(readFileSync(path, "utf-8")) : []);
  }

  add({ number, category, summary, hallId, assignedStaffId = null, relatedCaseSerialNumber = null, receivedAt, status }) {
    if (this.orders.some((order) => order.number === number)) {
      throw new Error(`work order ${number} exists`);
    }
    const order = {
      id: randomUUID(),
      number,
      category,
      summary,
      hallId,
      assignedStaffId,
      relatedCaseSerialNumber,
      receivedAt: receivedAt ?? new Date().toISOString(),
      status: status ?? "待办",
    };
    this.orders.push(order);
    return order;
  }

  newestFirst(orders = this.orders) {
    return [...orders].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || a.number.localeCompare(b.number));
  }

  byId(id) {
    return this.orders.find((order) => order.id === id) ?? null;
  }

  byNumber(number) {
    return this.orders.find((order) => order.number === number) ?? null;
  }

  forHall(hallId) {
    return this.newestFirst(this.orders.filter((order) => order.hallId === hallId));
  }
}
