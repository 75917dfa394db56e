/** @odoo-module **/
// SUR-3 in the browser: a call-centre agent opens "Enter Answers by Phone", picks the
// client, enters the answers question by question, the recommendation score and the
// client's own words, and saves; the answer is listed with the channel "电话" (phone). The
// detractor variant (SUR-8 / CLI-11) ends on the complaint it opened.
import { registry } from "@web/core/registry";

function openPhoneEntry() {
    return [
        {
            content: "The agent is in the satisfaction answers",
            trigger: ".o_list_view",
        },
        {
            content: "Open the Satisfaction menu",
            trigger: '.o_menu_sections [data-menu-xmlid="lohi_surveys.menu_lohi_surveys"]',
            run: "click",
        },
        {
            content: "Enter answers by phone",
            trigger: '.dropdown-item[data-menu-xmlid="lohi_surveys.menu_lohi_surveys_phone"]',
            run: "click",
        },
        {
            content: "The phone entry opens (in the agent's Chinese)",
            trigger: '.modal .modal-title:contains("电话录入答卷")',
        },
        {
            content: "The client on the line",
            trigger: '.modal div[name="partner_id"] input',
            run: "edit 周雪梅",
        },
        {
            content: "Pick the client",
            trigger: '.o-autocomplete--dropdown-item:contains("周雪梅")',
            run: "click",
        },
        {
            content: "The client's centre comes with the client",
            trigger: '.modal div[name="centre_id"] input:value("问卷测试中心")',
        },
    ];
}

function choose(question, answer) {
    const row = `.modal div[name="line_ids"] .o_data_row:has(td[name="question_id"]:contains("${question}"))`;
    return [
        {
            content: `Ask: ${question}`,
            trigger: `${row} td[name="answer_id"]`,
            run: "click",
        },
        {
            content: `The client answers ${answer}`,
            trigger: `${row} td[name="answer_id"] input`,
            run: `edit ${answer}`,
        },
        {
            content: `Pick ${answer}`,
            // the choices read "<question>: <answer>"
            trigger: `.o-autocomplete--dropdown-item:contains(/:\\s*${answer}\\s*$/)`,
            run: "click",
        },
        {
            content: `${answer} is entered`,
            trigger: `${row} td[name="answer_id"] input:value(/:\\s*${answer}$/)`,
        },
    ];
}

function recommend(score) {
    const row = '.modal div[name="line_ids"] .o_data_row:has(td[name="question_id"]:contains("推荐"))';
    return [
        {
            content: "Ask how likely the client recommends Lohi",
            trigger: `${row} td[name="nps_value"]`,
            run: "click",
        },
        {
            content: `The client says ${score}`,
            trigger: `${row} td[name="nps_value"] input`,
            run: `edit ${score}`,
        },
    ];
}

function saveAndList(suggestion) {
    return [
        {
            content: "The client's own words",
            trigger: '.modal div[name="suggestion"] textarea',
            run: `edit ${suggestion}`,
        },
        {
            content: "The channel is the phone",
            trigger: '.modal div[name="channel"] select:value("phone")',
        },
        {
            content: "Save the answers",
            trigger: '.modal footer button[name="action_save"]',
            run: "click",
        },
        {
            content: "The entry closes",
            trigger: "body:not(:has(.modal))",
        },
    ];
}

registry.category("web_tour.tours").add("lohi_survey_phone", {
    url: "/odoo/action-lohi_surveys.action_lohi_survey_answers",
    steps: () => [
        ...openPhoneEntry(),
        ...choose("服务态度", "非常满意"),
        ...choose("响应您需求的速度", "满意"),
        ...choose("问题是否得到了满意的解决", "非常满意"),
        ...choose("效果", "满意"),
        ...choose("功能医生", "非常满意"),
        ...choose("环境", "一般"),
        ...choose("产品", "满意"),
        ...recommend(9),
        ...saveAndList("希望周末也能做检测采样"),
        {
            content: "Back to the answers",
            trigger: '.o_menu_sections [data-menu-xmlid="lohi_surveys.menu_lohi_surveys"]',
            run: "click",
        },
        {
            content: "Open the answers again",
            trigger: '.dropdown-item[data-menu-xmlid="lohi_surveys.menu_lohi_surveys_answers"]',
            run: "click",
        },
        {
            content: "The client's answer is listed, taken by phone",
            trigger:
                '.o_list_view .o_data_row:has(td[name="partner_id"]:contains("周雪梅")):has(td[name="lohi_channel"]:contains("电话"))',
        },
    ],
});

registry.category("web_tour.tours").add("lohi_survey_phone_detractor", {
    url: "/odoo/action-lohi_surveys.action_lohi_survey_answers",
    steps: () => [
        ...openPhoneEntry(),
        ...choose("服务态度", "非常不满意"),
        ...choose("问题是否得到了满意的解决", "不满意"),
        ...recommend(3),
        ...saveAndList("等了一个多小时没人理"),
        {
            content: "Open the client menu",
            trigger: '.o_menu_sections [data-menu-xmlid="lohi_clients.menu_lohi_clients"]',
            run: "click",
        },
        {
            content: "Open the complaints",
            trigger: '.dropdown-item[data-menu-xmlid="lohi_clients.lohi_complaint_menu"]',
            run: "click",
        },
        {
            content: "The detractor's answer opened a complaint for the client",
            trigger: '.o_list_view .o_data_row:has(td[name="partner_id"]:contains("周雪梅"))',
        },
    ],
});
