package org.plumbline.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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

        // The reporter: no account, no script needed, a receipt shown once.
        b.open("/report");
        assertThat(b.driver.findElements(By.tagName("script"))).as("the reporter's page runs no script").isEmpty();
        assertThat(b.driver.manage().getCookies()).as("no cookie before the receipt").isEmpty();
        b.type("message", marker + "\nThe archive grows by terabytes a day.");
        b.type("topic", "storage in westeurope");
        b.submit("send-report");
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
        b.submit("open-report");
        assertThat(b.driver.getCurrentUrl()).endsWith("/report/conversation");
        assertThat(b.byId("messages").getText()).contains("Which team are you in");
        assertThat(b.byId("status").getText()).isEqualTo("acknowledged");
        b.type("text", "Storage operations.");
        b.submit("send-answer");
        assertThat(b.byId("messages").getText()).contains("Storage operations.");
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
}
