/* Loaded before decap-cms.js: Decap waits for warta-admin.js to register Warta's widgets,
 * locale, preview and backend wrappers, which then starts it (CMS.init). */
window.CMS_MANUAL_INIT = true;
