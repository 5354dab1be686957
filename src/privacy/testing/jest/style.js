// Stylesheets imported by the package's components (`import './PrivacySheet.scss'`): nothing to run in Jest.
module.exports = {};
