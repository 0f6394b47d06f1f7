package org.plumbline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.plumbline.core.record.LogRecord;
import org.plumbline.server.Api;
import org.plumbline.server.TestServer;

/**
 * The intake in a real browser: a reporter sends a report on /report and keeps the receipt; the demo's intake
 * recipient reads and replies; the reporter comes back with the receipt, reads the reply and answers; the
 * recipient reads the answer and opens a case from the report.
 */
class IntakeBrowserTest {
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        TestServer.get().loadDemo(); // makes the demo's intake recipient and their key
        browser = new Browser(TestServer.get().url());
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
    }

    @Test
    void reportReturnReplyAnswerAndOpenACase() throws Exception {
        Browser b = browser;
        String marker = "Browser report " + Api.unique();

        // The reporter: no account, a receipt shown once. The page's one script is this server's own (it solves the
        // proof-of-work); the test records, across the page change, that it fetched a challenge and sent an answer.
        b.open("/report");
        assertThat(b.driver.findElements(By.tagName("script"))).extracting(e -> e.getAttribute("src"))
                .as("one same-origin script, no inline script").containsExactly(TestServer.get().url() + "/public/intake-pow.js");
        assertThat(b.driver.manage().getCookies()).as("no cookie before the receipt").isEmpty();
        b.type("message", marker + "\nThe archive grows by terabytes a day.");
        b.type("topic", "storage in westeurope");
        Path file = Files.createTempFile("plumbline-attachment", ".txt");
        Files.writeString(file, "Attached: " + marker);
        b.byId("files").sendKeys(file.toAbsolutePath().toString());
        recordProofOfWork(b);
        b.submit("send-report");
        Files.delete(file);
        assertThat(((JavascriptExecutor) b.driver).executeScript("return sessionStorage.getItem('sentCounter');"))
                .as("the page's script solved a challenge and sent the answer").asString().matches("[0-9]+");
        String receipt = b.byId("receipt").getText();
        assertThat(receipt).matches("\\d{4}( \\d{4}){6}");
        long record = Long.parseLong(b.byId("record-link").getText());
        assertThat(b.driver.manage().getCookies()).as("still no cookie").isEmpty();
        b.screenshot("30-report-receipt");
        String subject = LogRecord.parse(Api.bytes("/api/records/" + record).body()).subject();
        long id = Long.parseLong(subject.substring("concern/".length()));

        // The recipient reads it (the list shows its deadlines) and replies.
        b.signIn("noor.haddad", "plumbline-demo");
        b.open("/intake");
        assertThat(b.byId("reports").getText()).contains("Report " + id);
        b.screenshot("31-intake-list");
        b.open("/intake/" + id);
        assertThat(b.byId("messages").getText()).contains(marker);
        assertThat(b.byId("attachments").getText()).contains(file.getFileName().toString());
        assertThat(b.byId("attachments").findElement(By.tagName("a")).getAttribute("href"))
                .endsWith("/intake/" + id + "/attachments/1");
        b.type("text", "Thank you. Which team are you in, roughly?");
        b.submit("send-reply");
        assertThat(b.byId("status").getText()).isEqualTo("acknowledged");
        b.signOut();

        // The reporter comes back with the receipt, reads the reply, answers.
        b.open("/report/return");
        b.type("receipt", "0000 0000 0000 0000 0000 0000 0000");
        b.submit("open-report");
        assertThat(b.byId("receipt-error").getText()).contains("no report opens");
        b.type("receipt", receipt);
        recordProofOfWork(b);
        b.submit("open-report");
        assertThat(b.driver.getCurrentUrl()).endsWith("/report/conversation");
        assertThat(b.byId("messages").getText()).contains("Which team are you in");
        assertThat(b.byId("status").getText()).isEqualTo("acknowledged");
        assertThat(((JavascriptExecutor) b.driver).executeScript("return sessionStorage.getItem('sentCounter');"))
                .asString().matches("[0-9]+");
        assertThat(b.byId("attachments").getText()).contains(file.getFileName().toString());
        b.type("text", "Storage operations.");
        b.submit("send-answer");
        assertThat(b.byId("messages").getText()).contains("Storage operations.");
        // The reporter adds a file afterwards.
        Path later = Files.createTempFile("plumbline-later", ".txt");
        Files.writeString(later, "Added later");
        b.byId("files").sendKeys(later.toAbsolutePath().toString());
        b.submit("send-files");
        Files.delete(later);
        assertThat(b.byId("attachments").getText()).contains(later.getFileName().toString());
        b.screenshot("32-reporter-conversation");
        b.submit("leave");
        b.open("/report/conversation");
        assertThat(b.driver.getCurrentUrl()).as("the session ended").endsWith("/report/return");

        // The recipient sees the answer and opens a case from the report.
        b.signIn("noor.haddad", "plumbline-demo");
        b.open("/intake/" + id);
        assertThat(b.byId("messages").getText()).contains("Storage operations.");
        b.type("title", "Concern: audio archive " + id);
        b.submit("open-case");
        assertThat(b.driver.getCurrentUrl()).contains("/cases/");
        assertThat(b.text()).contains("Concern: audio archive " + id).contains("concern");
        b.screenshot("33-case-from-concern");
        b.open("/intake/" + id);
        assertThat(b.byId("case-link").getText()).startsWith("case ");
        b.signOut();
    }

    /**
     * Wraps the form's submit so that the proof-of-work counter the page's script sends is kept in sessionStorage,
     * which outlives the page change.
     */
    private static void recordProofOfWork(Browser b) {
        ((JavascriptExecutor) b.driver).executeScript("""
                sessionStorage.removeItem('sentCounter');
                const submit = HTMLFormElement.prototype.submit;
                HTMLFormElement.prototype.submit = function () {
                  if (this.elements.powCounter) sessionStorage.setItem('sentCounter', this.elements.powCounter.value);
                  return submit.call(this);
                };""");
    }
}
