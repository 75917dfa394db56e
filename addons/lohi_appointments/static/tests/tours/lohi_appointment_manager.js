/** @odoo-module **/
// Issue 4 (APT-3, APT-4, APT-7) as the health manager: book 王芳 with 王建国 through the
// assistant; try to book 刘强 with the same doctor at the same time in the appointment form
// and see it refused with the nearest free times; take the first time offered; then move
// that appointment through the assistant (the move is kept in its history).
import { registry } from "@web/core/registry";

// What the tour learns on the way: the booked time as the form shows it, its reference,
// and the first alternative the refusal offers.
const seen = {};
const TIME_RE = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g;

function pickMany2one(field, search, label, scope = ".o_form_view") {
    return [
        {
            content: `${field}: type ${search}`,
            trigger: `${scope} div[name="${field}"] input`,
            run: `edit ${search}`,
        },
        {
            content: `${field}: pick ${label}`,
            trigger: `.o-autocomplete--dropdown-item:contains("${label}")`,
            run: "click",
        },
    ];
}

// The refusal writes times in the centre's timezone (Asia/Shanghai for Chaoyang); the
// browser shows and reads them in its own.
function centreToBrowser(label) {
    const { DateTime } = luxon;
    return DateTime.fromFormat(label, "yyyy-MM-dd HH:mm", { zone: "Asia/Shanghai" })
        .setZone("default")
        .toFormat("yyyy-MM-dd HH:mm:ss");
}

async function typeDatetime(helpers, value) {
    await helpers.edit(value);
    await helpers.press("Enter");
}

registry.category("web_tour.tours").add("lohi_appointment_manager", {
    url: "/odoo/action-lohi_appointments.lohi_appointment_action",
    steps: () => [
        // ---------------------------------------------------------------- book 王芳
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
        ...pickMany2one("partner_id", "王芳", "王芳", ".modal"),
        ...pickMany2one("service_type_id", "初诊", "初诊问诊", ".modal"),
        ...pickMany2one("centre_id", "朝阳", "北京朝阳分中心", ".modal"),
        ...pickMany2one("doctor_id", "王建国", "王建国", ".modal"),
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
            content: "王芳 is booked and confirmed",
            trigger: 'body:not(:has(.modal)) .o_form_renderer.o_form_saved .o_statusbar_status button.o_arrow_button_current[data-value="confirmed"]',
        },
        {
            content: "Remember the booked time and reference",
            trigger: '.o_form_renderer.o_form_saved div[name="partner_id"] input:value("王芳")',
            run() {
                seen.start = document.querySelector('.o_form_view div[name="start"] input').value;
                seen.name = document
                    .querySelector('.o_form_view div[name="name"]')
                    .textContent.trim();
                if (!seen.start || !seen.name || seen.name === "/") {
                    throw new Error("the booked appointment shows no time or reference");
                }
            },
        },
        // ---------------------------------------------------------------- double booking
        {
            content: "A new appointment for another client",
            trigger: ".o_form_button_create",
            run: "click",
        },
        {
            content: "The new form is empty",
            trigger: '.o_form_view .o_form_renderer:not(.o_form_saved) div[name="partner_id"] input',
        },
        ...pickMany2one("partner_id", "刘强", "刘强"),
        ...pickMany2one("service_type_id", "初诊", "初诊问诊"),
        ...pickMany2one("centre_id", "朝阳", "北京朝阳分中心"),
        ...pickMany2one("doctor_id", "王建国", "王建国"),
        {
            content: "Same doctor, same time as 王芳",
            trigger: '.o_form_view div[name="start"] input',
            run: (helpers) => typeDatetime(helpers, seen.start),
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Refused: the dialog names the booking that holds the time",
            trigger: ".modal .o_error_dialog",
            run() {
                const text = this.anchor.textContent;
                if (!text.includes(seen.name)) {
                    throw new Error(`the refusal does not name ${seen.name}: ${text}`);
                }
                // The reason names the booked time, then the nearest free times follow.
                const times = text.match(TIME_RE) || [];
                if (times.length < 2) {
                    throw new Error(`no alternative offered: ${text}`);
                }
                seen.alternative = centreToBrowser(times[1]);
            },
        },
        {
            content: "Close the refusal",
            trigger: ".modal .o_error_dialog .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Take the first free time offered",
            trigger: 'body:not(:has(.modal)) .o_form_view div[name="start"] input',
            run: (helpers) => typeDatetime(helpers, seen.alternative),
        },
        {
            content: "Save again",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "刘强 is booked at the alternative (the form is saved: Move is offered)",
            trigger: '.o_form_renderer.o_form_saved button[name="action_open_reschedule"]',
        },
        // ---------------------------------------------------------------- reschedule
        {
            content: "Move the appointment",
            trigger: '.o_form_view button[name="action_open_reschedule"]',
            run: "click",
        },
        {
            content: "Why it moves",
            trigger: '.modal div[name="reason"] input',
            run: "edit 客户改期",
        },
        {
            content: "Show the doctor's free times",
            trigger: '.modal button[name="action_search"]',
            run: "click",
        },
        {
            content: "Move to the second free time",
            trigger: '.modal div[name="slot_ids"] .o_data_row:eq(1) button[name="action_pick"]',
            run: "click",
        },
        {
            content: "Open the history of the moved appointment",
            trigger: 'body:not(:has(.modal)) .o_form_view .o_notebook a[name="history"]',
            run: "click",
        },
        {
            content: "The move is in the history",
            trigger: '.o_form_view div[name="move_ids"] .o_data_row:contains("客户改期")',
        },
    ],
});
