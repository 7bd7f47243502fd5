// Starts GOV.UK Frontend's components (menus, exit-this-page, error summary focus).
import { initAll } from "./govuk-frontend.min.js";

initAll();
