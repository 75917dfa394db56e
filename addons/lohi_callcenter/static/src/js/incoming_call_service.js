/** @odoo-module **/
// CC-1: when the exchange reports an incoming call for this agent, the server sends a bus
// notification on the agent's partner channel; open the caller's archive (or a new client
// form prefilled with the number) and keep a pop-up with a button to log the call.
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

export const lohiIncomingCallService = {
    dependencies: ["bus_service", "action", "notification"],
    start(env, { bus_service, action, notification }) {
        bus_service.subscribe("lohi_call_incoming", (payload) => {
            const closePopup = notification.add(payload.caller, {
                title: _t("Incoming call"),
                type: "info",
                sticky: true,
                className: "o_lohi_incoming_call",
                buttons: [
                    {
                        name: _t("Log the Call"),
                        primary: true,
                        onClick: () => {
                            closePopup();
                            action.doAction(payload.call_action);
                        },
                    },
                ],
            });
            action.doAction(payload.action);
        });
        bus_service.start();
    },
};

registry.category("services").add("lohi_incoming_call", lohiIncomingCallService);
