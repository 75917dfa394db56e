/** @odoo-module **/
// POR-1: a partner institution's user on the portal: sees a referred client, books an
// appointment in a free time computed by the backend's availability (APT-3), sees the
// status of the lab orders, files a complaint and follows it.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("lohi_portal_institution", {
    url: "/my",
    steps: () => [
        {
            content: "Open the referred clients",
            trigger: "a[href='/my/institution/clients']",
            run: "click",
        },
        {
            content: "Open a referred client",
            trigger: ".o_lohi_client_link:contains('甲客户二')",
            run: "click",
        },
        {
            content: "Book an appointment for the client",
            trigger: "a[href*='/my/institution/appointments/book?client_id=']",
            run: "click",
        },
        {
            content: "Choose the service",
            trigger: "select[name='service_id']",
            run: "selectByLabel 初诊",
        },
        {
            content: "List the free times",
            trigger: ".o_lohi_show_slots",
            run: "click",
        },
        {
            content: "Take the first free time",
            trigger: ".o_lohi_slot",
            run: "click",
        },
        {
            content: "The request is booked",
            trigger: ".o_lohi_booked",
        },
        {
            content: "Back to the portal home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the lab orders",
            trigger: "a[href='/my/institution/lab']",
            run: "click",
        },
        {
            content: "Open a lab order",
            trigger: ".o_lohi_lab_link",
            run: "click",
        },
        {
            content: "Its status is shown",
            trigger: ".o_lohi_lab_state",
        },
        {
            content: "Back to the portal home",
            trigger: ".o_portal_submenu a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the complaints",
            trigger: "a[href='/my/institution/complaints']",
            run: "click",
        },
        {
            content: "File a complaint",
            trigger: ".o_lohi_new_complaint",
            run: "click",
        },
        {
            content: "Describe the problem",
            trigger: "textarea[name='description']",
            run: "edit 客户反映预约后等候时间过长。",
        },
        {
            content: "Submit",
            trigger: ".o_lohi_submit_complaint",
            run: "click",
        },
        {
            content: "The complaint is received",
            trigger: ".o_lohi_complaint_state",
        },
    ],
});
