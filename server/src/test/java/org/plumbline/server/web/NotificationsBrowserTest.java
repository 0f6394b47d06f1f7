package org.plumbline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;
import org.plumbline.server.auth.Role;
import org.plumbline.server.auth.UserStore;
import org.plumbline.server.notify.NoticeKind;
import org.plumbline.server.notify.Preferences;

/**
 * The notification pages in headless Chromium: a person chooses their address and what they are told about
 * (and a wrong address is refused by its field), and an administrator registers a webhook, sees its secret
 * once, is refused one that points at the server's own machine, and removes it.
 */
class NotificationsBrowserTest {
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = new Browser(TestServer.get().url());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.open("/login");
        browser.driver.manage().deleteAllCookies();
    }

    @Test
    void aPersonChoosesTheirAddressAndWhatTheyAreToldAbout() {
        String name = "prefs-" + Api.unique().replace('-', '.');
        UserStore.User user = TestServer.get().users().create(name, "Pat Prefs", Role.REVIEWER, TestServer.PASSWORD);
        Browser b = browser;
        b.signIn(name, TestServer.PASSWORD);
        b.open("/account");
        b.byId("notifications-link").click();
        assertThat(b.driver.getCurrentUrl()).endsWith("/account/notifications");
        // The shared test server has no mail server: the page says so rather than pretend.
        assertThat(b.byId("email-off").getText()).contains("no mail server");
        for (NoticeKind k : NoticeKind.values()) {
            assertThat(b.byId("kind-" + k.id()).isSelected()).as(k.id() + " is on until chosen otherwise").isTrue();
        }

        // An address that would add a recipient is refused, by its field, and nothing is saved.
        b.type("email", "pat@example.org, boss@example.org");
        b.submit("notifications-save");
        assertThat(b.byId("email-error").getText()).contains("one e-mail address");
        assertThat(new Preferences(TestServer.get().jdbi()).of(user.id()).email()).isEmpty();

        b.type("email", "pat@example.org");
        b.byId("kind-case.assigned").click();
        b.byId("kind-concern.feedback-due").click();
        b.submit("notifications-save");
        assertThat(b.text()).contains("Saved");

        b.open("/account/notifications");
        assertThat(b.byId("email").getAttribute("value")).isEqualTo("pat@example.org");
        assertThat(b.byId("kind-case.assigned").isSelected()).isFalse();
        assertThat(b.byId("kind-concern.feedback-due").isSelected()).isFalse();
        assertThat(b.byId("kind-finding.raised").isSelected()).isTrue();
        Preferences.Choices stored = new Preferences(TestServer.get().jdbi()).of(user.id());
        assertThat(stored.email()).contains("pat@example.org");
        assertThat(stored.wants(NoticeKind.CASE_ASSIGNED)).isFalse();
        assertThat(stored.wants(NoticeKind.REVIEW_DUE)).isTrue();

        // Someone else's choices are not this person's to change: the form only ever saves the signed-in person's.
        b.screenshot("notifications");
        b.signOut();
    }

    @Test
    void anAdministratorRegistersAWebhookSeesItsSecretOnceAndIsRefusedTheServersOwnMachine() {
        String name = "hooks-" + Api.unique().replace('-', '.');
        TestServer.get().users().create(name, "Ada Hooks", Role.ADMIN, TestServer.PASSWORD);
        Browser b = browser;
        b.signIn(name, TestServer.PASSWORD);
        b.open("/admin");
        b.byId("webhooks-link").click();

        b.type("url", "http://127.0.0.1:8080/admin");
        b.check("kinds", "finding.raised");
        b.submit("webhook-register");
        assertThat(b.byId("url-error").getText()).contains("loopback");

        b.type("url", "http://169.254.169.254/latest/meta-data");
        b.check("kinds", "finding.raised");
        b.submit("webhook-register");
        assertThat(b.byId("url-error").getText()).contains("private");

        // A documentation address (TEST-NET-1): public by the rules, and nothing listens there.
        b.type("url", "https://192.0.2.10/plumbline");
        // The refused form came back as it was sent, box ticked; with none ticked it is refused too.
        assertThat(b.find("input[name='kinds'][value='finding.raised']").isSelected()).isTrue();
        b.driver.findElements(By.cssSelector("#webhook-form input[name='kinds']:checked")).forEach(e -> e.click());
        b.submit("webhook-register");
        assertThat(b.byId("kinds-error").getText()).contains("at least one");
        b.check("kinds", "directive.acknowledgement-overdue");
        b.submit("webhook-register");
        String secret = b.byId("webhook-secret").getText();
        assertThat(secret).startsWith("whsec_");
        String row = b.driver.findElements(By.cssSelector("#webhooks tbody tr")).stream()
                .filter(r -> r.getText().contains("https://192.0.2.10/plumbline")).findFirst().orElseThrow().getAttribute("id");

        // Shown once: not on the page again, and not in the URL it was shown at.
        b.open("/admin/webhooks");
        assertThat(b.driver.getPageSource()).doesNotContain(secret);
        assertThat(b.byId(row).getText()).contains("directive.acknowledgement-overdue");

        b.submit("remove-" + row);
        assertThat(b.text()).contains("Webhook removed");
        assertThat(b.driver.findElements(By.id(row))).isEmpty();
        b.signOut();
    }

    @Test
    void aReviewerCannotOpenTheWebhooks() {
        Browser b = browser;
        b.signIn("matrix-reviewer", TestServer.PASSWORD);
        b.open("/admin/webhooks");
        assertThat(b.text()).contains("Not allowed");
        b.signOut();
    }
}
