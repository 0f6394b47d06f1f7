/**
 * The demonstration that {@code plumbline demo} starts: {@link org.plumbline.server.demo.DemoScenario} (a
 * dozen fictional government customers and their engagements, one reviewed case carried to a directive),
 * {@link org.plumbline.server.demo.DemoUsers} (one account per role, a fixed password, a fresh token for the
 * enforcement system), {@link org.plumbline.server.demo.DemoUsage} (generated FOCUS metering for the demo's
 * signals unit) and {@link org.plumbline.server.demo.DemoLogin} (what the command prints). Everything here is
 * idempotent, so a second start on the same data directory adds nothing.
 *
 * <p>Here, not in core, because a demonstration is not the domain: it drives core's services as a user would
 * (every record through them) and raises its scripted finding through signals' bridge as a scan does. Its
 * tests (the browser walk, restarts) run against the server. May use {@code auth} (to create accounts),
 * core's services, and the signals module's generator and bridge; only the entry point uses it.
 */
package org.plumbline.server.demo;
