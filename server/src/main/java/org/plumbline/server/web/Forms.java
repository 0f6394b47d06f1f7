package org.plumbline.server.web;

/** Which of a page's forms was just submitted (and failed validation), so that only it shows the messages. */
record Forms(String active, Form form) {
    static final Forms NONE = new Forms("", Form.EMPTY);

    Form of(String name) {
        return name.equals(active) ? form : Form.EMPTY;
    }
}
