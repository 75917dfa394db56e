/** @odoo-module **/
// CC-1 / CC-6 in the browser: the exchange posts a signed "ringing" event to the real
// endpoint, the server notifies the agent over the bus, the incoming-call service opens
// the caller's archive (or a new client form with the number) and a pop-up to log the
// call; the agent logs the result. The Python side (test_incoming_call_tour.py) sets the
// shared secret and the agent's extension below and relays the bus NOTIFY that a test
// cursor leaves out.
import { registry } from "@web/core/registry";

const TOUR_SECRET = "lohi-tour-pbx-secret";
const TOUR_EXTENSION = "8809";

async function postExchangeEvent(event) {
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const encoder = new TextEncoder();
    const key = await crypto.subtle.importKey(
        "raw",
        encoder.encode(TOUR_SECRET),
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["sign"]
    );
    const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${timestamp}.${body}`));
    const hex = [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const response = await fetch("/lohi/telephony/event", {
        method: "POST",
        headers: {
            "Content-Type": "application/json",
            "X-Lohi-Timestamp": timestamp,
            "X-Lohi-Signature": `sha256=${hex}`,
        },
        body,
    });
    if (!response.ok) {
        throw new Error(`The exchange event was refused: ${response.status} ${await response.text()}`);
    }
}

function ring(callId, number) {
    return [
        {
            content: "The agent waits in the call list",
            trigger: ".o_list_view .o_list_table",
        },
        {
            content: "The exchange reports a call ringing on the agent's extension",
            trigger: ".o_list_view .o_list_table",
            run: () =>
                postExchangeEvent({
                    event_id: `${callId}-ringing`,
                    call_id: callId,
                    type: "ringing",
                    direction: "in",
                    number,
                    extension: TOUR_EXTENSION,
                }),
        },
    ];
}

function logCall(caller, popupText = caller) {
    return [
        {
            content: "The pop-up (in the agent's Chinese) names the caller",
            trigger: `.o_notification.o_lohi_incoming_call:contains("来电"):contains("${popupText}")`,
        },
        {
            content: "Log the call from the pop-up",
            trigger: '.o_notification.o_lohi_incoming_call .o_notification_buttons button:contains("记录通话")',
            run: "click",
        },
        {
            content: "The call form shows the caller as the client",
            trigger: `.o_form_view div[name="partner_id"] input:value("${caller}")`,
        },
    ];
}

registry.category("web_tour.tours").add("lohi_incoming_call_known", {
    url: "/odoo/action-lohi_callcenter.lohi_call_action",
    steps: () => [
        ...ring("tour-known", "+86 139 1000 2001"),
        {
            content: "The caller's archive opens by itself",
            trigger: '.o_form_view .o_breadcrumb:contains("赵丽华")',
        },
        {
            content: "It is the client archive with the caller's number",
            trigger: '.o_form_view div[name="mobile"] input:value("139 1000 2001")',
        },
        ...logCall("赵丽华"),
        {
            content: "What the client asks",
            trigger: '.o_form_view div[name="content"] textarea',
            run: "edit 询问检测报告何时出来",
        },
        {
            content: "What the agent told",
            trigger: '.o_form_view div[name="solution"] textarea',
            run: "edit 报告预计周五出具，出具后健康管家电话告知",
        },
        {
            content: "The call is solved",
            trigger: '.o_form_statusbar button[name="action_solve"]',
            run: "click",
        },
        {
            content: "The call is logged as solved",
            trigger: '.o_form_statusbar .o_arrow_button_current[data-value="solved"]',
        },
    ],
});

registry.category("web_tour.tours").add("lohi_incoming_call_complaint", {
    url: "/odoo/action-lohi_callcenter.lohi_call_action",
    steps: () => [
        ...ring("tour-complaint", "13910002002"),
        {
            content: "The caller's archive opens by itself",
            trigger: '.o_form_view .o_breadcrumb:contains("钱建国")',
        },
        ...logCall("钱建国"),
        {
            content: "The client complains",
            trigger: '.o_form_view div[name="call_type"] select',
            run: 'select "complaint"',
        },
        {
            content: "What the complaint is about",
            trigger: '.o_form_view div[name="content"] textarea',
            run: "edit 上周采样时等候超过一小时，无人解释",
        },
        {
            content: "Record the complaint",
            trigger: '.o_form_statusbar button[name="action_create_complaint"]',
            run: "click",
        },
        {
            content: "The complaint opens, owned by the agent who took the call",
            trigger: '.o_form_view div[name="owner_id"]:contains("Tour Agent")',
        },
        {
            content: "… for the caller",
            trigger: '.o_form_view div[name="partner_id"] input:value("钱建国")',
        },
    ],
});

registry.category("web_tour.tours").add("lohi_incoming_call_new_client", {
    url: "/odoo/action-lohi_callcenter.lohi_call_action",
    steps: () => [
        ...ring("tour-new", "021 6600 3003"),
        {
            content: "A new client form opens with the caller's number",
            trigger: '.o_form_view div[name="mobile"] input:value("021 6600 3003")',
        },
        {
            content: "The caller's name",
            trigger: '.o_form_view div[name="name"] input',
            run: "edit 孙美玲",
        },
        {
            content: "Birth date",
            trigger: '.o_form_view div[name="lohi_birthdate"] input',
            run: "edit 1978-05-06",
        },
        {
            content: "Centre",
            trigger: '.o_form_view div[name="lohi_centre_id"] input',
            run: "edit 来电测试",
        },
        {
            content: "Pick the centre",
            trigger: '.o-autocomplete--dropdown-item:contains("来电测试中心")',
            run: "click",
        },
        {
            content: "Doctor",
            trigger: '.o_form_view div[name="lohi_doctor_id"] input',
            run: "edit Tour Doctor",
        },
        {
            content: "Pick the doctor",
            trigger: '.o-autocomplete--dropdown-item:contains("Tour Doctor")',
            run: "click",
        },
        {
            content: "Health manager",
            trigger: '.o_form_view div[name="lohi_health_manager_id"] input',
            run: "edit Tour Manager",
        },
        {
            content: "Pick the health manager",
            trigger: '.o-autocomplete--dropdown-item:contains("Tour Manager")',
            run: "click",
        },
        {
            content: "Remark",
            trigger: '.o_form_view div[name="lohi_remark"] textarea',
            run: "edit 400热线来电，咨询肠道菌群检测",
        },
        {
            content: "Save the new client",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The client is saved",
            trigger: ".o_form_view .o_form_renderer.o_form_saved",
        },
        // the pop-up came before the client existed: it names the number
        ...logCall("孙美玲", "021 6600 3003"),
        {
            content: "What the client asks",
            trigger: '.o_form_view div[name="content"] textarea',
            run: "edit 咨询肠道菌群检测的价格和采样方式",
        },
        {
            content: "What the agent told",
            trigger: '.o_form_view div[name="solution"] textarea',
            run: "edit 介绍价格与居家采样，已约健康管家回电",
        },
        {
            content: "The call is solved",
            trigger: '.o_form_statusbar button[name="action_solve"]',
            run: "click",
        },
        {
            content: "The call is logged as solved",
            trigger: '.o_form_statusbar .o_arrow_button_current[data-value="solved"]',
        },
    ],
});
