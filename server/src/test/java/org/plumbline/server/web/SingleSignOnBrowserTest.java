package org.plumbline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.plumbline.server.Api;
import org.plumbline.server.OidcTestServer;

/**
 * Single sign-on in real headless Chromium: a page that needs signing in, the sign-in page with only the
 * single sign-on button (local passwords are off on this server), the provider, and back, signed in with
 * the role the provider's group gives, on the page first asked for. Screenshots in target/screenshots.
 */
class SingleSignOnBrowserTest {
    private static OidcTestServer oidc;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        oidc = OidcTestServer.get();
        browser = new Browser(oidc.url());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theButtonSignsInWithTheGroupsRole() throws Exception {
        Browser b = browser;
        try {
            String name = "bea" + Api.unique().replace("-", "x");
            oidc.nextSignIn("sub-" + name, name, List.of("staff", "plumbline-auditors"));
            b.open("/cases");
            assertThat(b.driver.getCurrentUrl()).contains("/login?next=%2Fcases");
            assertThat(b.driver.findElements(By.id("login-form"))).as("no password form: local passwords are off").isEmpty();
            assertThat(b.byId("sso").getText()).isEqualTo("Sign in with single sign-on");
            b.screenshot("sso-01-sign-in-page");

            b.byId("sso").click();
            new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("account-link")).isEmpty());
            assertThat(b.byId("account-link").getText()).isEqualTo("Test " + name + " · auditor");
            assertThat(b.driver.getCurrentUrl()).isEqualTo(oidc.url() + "/cases");
            assertThat(b.text()).contains("Cases");
            b.screenshot("sso-02-signed-in-as-auditor");

            b.signOut();
            assertThat(b.driver.getCurrentUrl()).contains("/login");

            // Someone the provider knows but puts in no group Plumbline maps: told so, and not signed in.
            oidc.nextSignIn("sub-cafe-" + name, "cafe" + name, List.of("cafeteria"));
            b.byId("sso").click();
            new WebDriverWait(b.driver, Duration.ofSeconds(20)).until(d -> d.getPageSource().contains("Not allowed"));
            assertThat(b.text()).contains("not in any group that gives access to Plumbline");
            assertThat(b.driver.findElements(By.id("account-link"))).isEmpty();
            b.screenshot("sso-03-refused-no-group");
        } catch (Exception | AssertionError e) {
            b.screenshot("sso-failure");
            Files.writeString(Path.of("target", "screenshots", "sso-failure.html"), b.driver.getPageSource());
            throw e;
        }
    }
}
