/**
 * The demonstration that {@code plumbline demo} starts: {@link org.plumbline.server.demo.DemoUsers} (one
 * account per role, a fixed password, a fresh token for the enforcement system),
 * {@link org.plumbline.server.demo.DemoUsage} (generated FOCUS metering for the demo's signals unit) and
 * {@link org.plumbline.server.demo.DemoLogin} (what the command prints). Everything here is idempotent, so
 * a second start on the same data directory adds nothing.
 *
 * <p>May use {@code auth} (to create accounts), {@code signals} (to upload the metering), the signals
 * module's generator and core's demo scenario; only the entry point uses it.
 */
package org.plumbline.server.demo;
