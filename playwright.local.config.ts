import base from "./playwright.config";
export default { ...base, webServer: undefined, globalSetup: "./tests/e2e/global-setup.ts" };
