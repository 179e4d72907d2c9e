import { addons } from 'storybook/manager-api';

addons.setConfig({
  // Storybook 10.6's zoom tool renders a PopoverProvider without `ariaLabel`, which logs a console
  // warning on every load; the browser's own zoom does the same job.
  toolbar: { zoom: { hidden: true } },
});
