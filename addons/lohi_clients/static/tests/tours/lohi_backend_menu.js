/** @odoo-module **/
// Every staff role opens the backend, finds the Lohi Health application in the apps
// menu and lands in it, with the Chinese name (platform, X-1).
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("lohi_backend_menu", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Pick Lohi Health",
            trigger: '.o_app[data-menu-xmlid="lohi_clients.menu_lohi_root"]:contains("洛奇健康")',
            run: "click",
        },
        {
            content: "The Lohi Health app is open, in Chinese",
            trigger: '.o_menu_brand[data-menu-xmlid="lohi_clients.menu_lohi_root"]:contains("洛奇健康")',
        },
    ],
});
