/** @odoo-module **/
// CC-1: when the exchange reports an incoming call for this agent, the server sends a bus
// notification; open the caller's archive (or a new client form with the number).
import { registry } from "@web/core/registry";

export const lohiIncomingCallService = {
    dependencies: ["bus_service", "action", "notification"],
    start(env, { bus_service, action, notification }) {
        bus_service.subscribe("lohi_call_incoming", (payload) => {
            notification.add(payload.message, { title: payload.title, type: "info" });
            action.doAction(payload.action);
        });
    },
};

registry.category("services").add("lohi_incoming_call", lohiIncomingCallService);
