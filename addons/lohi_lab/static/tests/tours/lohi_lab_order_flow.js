/** @odoo-module **/
// LAB-2 … LAB-10 and APT-10 in the browser: one test order from creation to interpretation,
// each step by the role it belongs to, with the form's own buttons. The test runs these
// tours one after another with the logins concerned (and lets the lab system deliver the
// report in between, through the signed intake endpoint).
import { registry } from "@web/core/registry";

const tours = registry.category("web_tour.tours");

function statusIs(state) {
    return {
        content: `The order is now ${state}`,
        trigger: `body:not(:has(.modal)) .o_form_renderer.o_form_saved .o_statusbar_status button.o_arrow_button_current[data-value="${state}"]`,
    };
}

function clickButton(name, content) {
    return {
        content,
        trigger: `body:not(:has(.modal)) .o_form_view .o_statusbar_buttons button[name="${name}"]`,
        run: "click",
    };
}

function openTab(name) {
    return {
        content: `Open the ${name} tab`,
        trigger: `.o_form_view .o_notebook a.nav-link[name="${name}"]`,
        run: "click",
    };
}

// 1. The doctor (王建国) enters the order: client, health manager, one test item.
tours.add("lohi_lab_flow_doctor_order", {
    url: "/odoo/action-lohi_lab.lohi_lab_order_action",
    steps: () => [
        {
            content: "The test orders are shown",
            trigger: ".o_kanban_view",
        },
        {
            content: "New test order",
            trigger: ".o_control_panel_main_buttons .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Client",
            trigger: '.o_form_view div[name="partner_id"] input',
            run: "edit 董振东",
        },
        {
            content: "Pick the client",
            trigger: '.o-autocomplete--dropdown-item:contains("董振东")',
            run: "click",
        },
        {
            content: "Health manager",
            trigger: '.o_form_view div[name="health_manager_id"] input',
            run: "edit 李静",
        },
        {
            content: "Pick the health manager",
            trigger: '.o-autocomplete--dropdown-item:contains("李静")',
            run: "click",
        },
        {
            content: "Add a test item",
            trigger: '.o_form_view div[name="line_ids"] .o_field_x2many_list_row_add a',
            run: "click",
        },
        {
            content: "Test",
            trigger: '.o_form_view div[name="line_ids"] .o_selected_row div[name="test_id"] input',
            run: "edit IgG",
        },
        {
            content: "Pick the food intolerance test",
            trigger: '.o-autocomplete--dropdown-item:contains("食物不耐受 IgG")',
            run: "click",
        },
        {
            content: "The price comes from the catalogue (2,680.00)",
            trigger: '.o_form_view div[name="line_ids"] .o_data_row td[name="price_subtotal"]:contains("2,680.00")',
        },
        {
            content: "Save the order",
            trigger: ".o_form_button_save",
            run: "click",
        },
        statusIs("ordered"),
        {
            content: "The total is shown",
            trigger: '.o_form_view div[name="amount_total"]:contains("2,680.00")',
        },
    ],
});

// 2. The health manager (李静) issues the kit (stock leaves the centre) and records the sampling.
tours.add("lohi_lab_flow_manager_kit", {
    steps: () => [
        clickButton("action_ship_kit", "Issue the kit"),
        {
            content: "Confirm that the kit leaves the centre's stock",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        statusIs("sampling"),
        clickButton("action_mark_sampled", "The sample is taken"),
        {
            content: "The sampling time is recorded",
            trigger: 'body:not(:has(.modal)) .o_form_view .o_statusbar_buttons:not(:has(button[name="action_mark_sampled"]))',
        },
        openTab("sampling"),
        {
            content: "The kit lot that left the centre is shown",
            trigger: '.o_form_view div[name="kit_lot_names"] span:not(:empty)',
        },
    ],
});

// 3. The consulting dept (陈晓) receives the sample and accepts it: testing.
tours.add("lohi_lab_flow_consult_sample", {
    steps: () => [
        clickButton("action_accept_sample", "Accept the sample"),
        statusIs("testing"),
    ],
});

// 4. The lab system delivered the report: the consulting dept checks the results and approves.
tours.add("lohi_lab_flow_consult_review", {
    steps: () => [
        statusIs("review"),
        openTab("results"),
        {
            content: "The results arrived from the lab system",
            trigger: '.o_form_view div[name="result_ids"] .o_data_row:contains("Ferritin")',
        },
        clickButton("action_review", "Approve the report"),
        statusIs("reviewed"),
    ],
});

// 5. The doctor opens the reviewed report and writes the summary report (总检报告).
tours.add("lohi_lab_flow_doctor_summary", {
    steps: () => [
        statusIs("reviewed"),
        openTab("results"),
        {
            content: "The doctor now sees the results",
            trigger: '.o_form_view div[name="result_ids"] .o_data_row:contains("Ferritin")',
        },
        openTab("summary"),
        {
            content: "Write the summary report",
            trigger: '.o_form_view div[name="summary_report"] .odoo-editor-editable',
            run: "editor 铁蛋白偏低，建议三个月内避免乳制品并补充铁剂，复查血常规。",
        },
        clickButton("action_write_summary", "The summary report is done"),
        statusIs("production"),
    ],
});

// 6. The consulting dept produces the paper report; the client collects it.
tours.add("lohi_lab_flow_consult_paper", {
    steps: () => [
        statusIs("production"),
        openTab("paper"),
        {
            content: "Collected at the centre",
            trigger: '.o_form_view div[name="paper_delivery"] select',
            run: 'select "collected"',
        },
        clickButton("action_issue_paper", "The paper report is issued"),
        statusIs("issued"),
    ],
});

// 7. The doctor books the interpretation from the order (APT-10) and confirms it (LAB-10).
tours.add("lohi_lab_flow_doctor_interpret", {
    steps: () => [
        statusIs("issued"),
        clickButton("action_book_followup", "Book the report interpretation"),
        {
            content: "The assistant opens for this client, linked to the order",
            trigger: '.modal div[name="related_display"]:contains("LAB")',
        },
        {
            content: "… with the interpretation service prefilled",
            trigger: '.modal div[name="service_type_id"] input:value("报告解读")',
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
            content: "The interpretation is booked and linked to the order",
            trigger: 'body:not(:has(.modal)) .o_form_view div[name="related_display"]:contains("LAB")',
        },
        {
            content: "Back to the order",
            trigger: '.o_breadcrumb .o_back_button:contains("LAB")',
            run: "click",
        },
        {
            content: "The order counts the appointment",
            trigger: '.o_form_view button[name="action_view_lohi_appointments"]',
        },
        clickButton("action_interpret", "The report is interpreted"),
        statusIs("interpreted"),
        openTab("log"),
        {
            content: "Every step is in the status log",
            trigger: '.o_form_view div[name="log_ids"] .o_data_row:eq(6)',
        },
    ],
});
