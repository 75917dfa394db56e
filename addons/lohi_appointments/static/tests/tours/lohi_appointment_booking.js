/** @odoo-module **/
// Customer service books through the assistant (APT-3): choose client, service and
// centre, list the free times the server computes, pick the first one; the appointment
// opens confirmed.
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("lohi_appointment_booking", {
    url: "/odoo/action-lohi_appointments.lohi_appointment_action",
    steps: () => [
        {
            content: "The appointments calendar is shown",
            trigger: ".o_calendar_view",
        },
        {
            content: "Open the Appointments menu",
            trigger: '.o_menu_sections [data-menu-xmlid="lohi_appointments.menu_lohi_appointments"]',
            run: "click",
        },
        {
            content: "Book an appointment",
            trigger: '.dropdown-item[data-menu-xmlid="lohi_appointments.lohi_appointment_booking_menu"]',
            run: "click",
        },
        {
            content: "Client",
            trigger: '.modal div[name="partner_id"] input',
            run: "edit 王芳",
        },
        {
            content: "Pick the client",
            trigger: '.o-autocomplete--dropdown-item:contains("王芳")',
            run: "click",
        },
        {
            content: "Service",
            trigger: '.modal div[name="service_type_id"] input',
            run: "edit 初诊",
        },
        {
            content: "Pick the service",
            trigger: '.o-autocomplete--dropdown-item:contains("初诊问诊")',
            run: "click",
        },
        {
            content: "Centre",
            trigger: '.modal div[name="centre_id"] input',
            run: "edit 朝阳",
        },
        {
            content: "Pick the centre",
            trigger: '.o-autocomplete--dropdown-item:contains("北京朝阳分中心")',
            run: "click",
        },
        {
            content: "Days to show",
            trigger: '.modal div[name="days"] input',
            run: "edit 14",
        },
        {
            content: "Show the free times",
            trigger: '.modal button[name="action_search"]',
            run: "click",
        },
        {
            content: "Book the first free time",
            trigger: '.modal div[name="slot_ids"] .o_data_row:first button[name="action_pick"]',
            run: "click",
        },
        {
            content: "The appointment is booked and confirmed",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current[data-value="confirmed"]',
        },
    ],
});
