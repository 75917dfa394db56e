/** @odoo-module **/
// A client on the portal (issue 9): requests an appointment from the free times the
// server computes (APT-1), rates the doctor of a completed visit (CLI-7), opens a
// reviewed report (X-5 logs it) and writes to her functional doctor (CLI-7).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("lohi_portal_client_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open My Visits",
            trigger: 'a[href="/my/health/visits"]',
            run: "click",
        },
        {
            content: "Request an appointment",
            trigger: ".o_lohi_request_btn",
            run: "click",
        },
        {
            content: "Choose the service",
            trigger: "select#lohi_service",
            run: "selectByIndex 1",
        },
        {
            content: "List the free times",
            trigger: ".o_lohi_show_times",
            run: "click",
        },
        {
            content: "The first free time is chosen",
            trigger: ".o_lohi_slot input:checked",
        },
        {
            content: "Send the request",
            trigger: ".o_lohi_send_request",
            run: "click",
        },
        {
            content: "The request waits for confirmation",
            trigger: ".o_lohi_requested",
        },
        {
            content: "Rate the doctor of a completed visit",
            trigger: "a.o_lohi_rate",
            run: "click",
        },
        {
            content: "Five stars",
            trigger: 'label[for="lohi_score_5"]',
            run: "click",
        },
        {
            content: "A suggestion",
            trigger: "textarea#lohi_comment",
            run: "edit 解读很清楚，谢谢王医生！",
        },
        {
            content: "Send the rating",
            trigger: ".o_lohi_send_rating",
            run: "click",
        },
        {
            content: "Thanked for the rating",
            trigger: ".o_lohi_rated",
        },
        {
            content: "Back to My Account",
            trigger: '.breadcrumb a[href="/my/home"]',
            run: "click",
        },
        {
            content: "Open My Lab Reports",
            trigger: 'a[href="/my/health/reports"]',
            run: "click",
        },
        {
            content: "Open the reviewed report",
            trigger: "a.o_lohi_report",
            run: "click",
        },
        {
            content: "The report offers its PDF",
            trigger: "a.o_lohi_download[href*='/pdf?token=']",
        },
        {
            content: "Back to My Account",
            trigger: '.breadcrumb a[href="/my/home"]',
            run: "click",
        },
        {
            content: "Ask my doctor",
            trigger: 'a[href="/my/health/doctor"]',
            run: "click",
        },
        {
            content: "Write to the doctor",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit 王医生，复查需要空腹吗？",
        },
        {
            content: "Send",
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The message is in the conversation",
            trigger: "#chatterRoot:shadow .o-mail-Message:contains(复查需要空腹吗)",
        },
    ],
});
