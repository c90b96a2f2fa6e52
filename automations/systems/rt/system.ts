// Request Tracker 5 (Best Practical) as a helpdesk connector: `"helpdesk": {"connector": "rt", …}`.
import { defineSystem } from '../../runtime/system.ts';
import { rtActions } from './actions.ts';
import { isRtLoginPage, looksLikeRt, rtRefusal, submitRtLogin } from './pages.ts';

export const rtSystem = defineSystem({
  id: 'rt',
  title: 'Request Tracker 5',
  role: 'helpdesk',
  actions: rtActions,
  signIn: {
    // RT shows its sign-in form in place at its start page
    path: '/',
    looksLike: looksLikeRt,
    isLoginPage: isRtLoginPage,
    submit: (page, credentials) => submitRtLogin(page, new URL(page.url()).origin, credentials),
  },
  refusal: rtRefusal,
  async errorText(page) {
    const shown = await page.locator('.error .error, div.error, ul.action-results li').allInnerTexts().catch(() => []);
    return shown.map((s) => s.trim()).filter(Boolean).join('; ') || undefined;
  },
});

export default rtSystem;
