// Initialise GOV.UK Frontend components that are on the page.
import { initAll } from '/static/govuk/govuk-frontend.min.js'

initAll()
