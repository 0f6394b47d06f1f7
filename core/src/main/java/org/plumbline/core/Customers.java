package org.plumbline.core;

import org.plumbline.core.domain.NotFoundException;
import org.plumbline.core.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.plumbline.core.domain.Customer;
import org.plumbline.core.domain.NewCustomer;
import org.plumbline.core.domain.Wire;
import org.plumbline.core.record.LogRecord;

/**
 * Government customers. Registering one appends {@code customer.registered}; the body's name is
 * confidential in the record (some customers' very existence is sensitive), its kind, country and
 * parent are public.
 */
public final class Customers {
    private final Core core;

    Customers(Core core) {
        this.core = core;
    }

    /**
     * Registers a customer.
     *
     * @throws ValidationException on bad fields, a duplicate name or an unknown parent
     */
    public Customer register(NewCustomer input, String actor) {
        input.validate();
        try {
            return insert(input, actor);
        } catch (RuntimeException e) {
            // two registrations of one name raced past the check: the unique index decides
            if (Database.isUniqueViolation(e)) {
                throw ValidationException.of("name", "a customer named '" + input.name() + "' already exists");
            }
            throw e;
        }
    }

    private Customer insert(NewCustomer input, String actor) {
        return core.db().inTransaction(h -> {
            if (CustomerStore.byName(h, input.name()).isPresent()) {
                throw ValidationException.of("name", "a customer named '" + input.name() + "' already exists");
            }
            if (input.parentId() != null && CustomerStore.get(h, input.parentId()).isEmpty()) {
                throw ValidationException.of("parentId", "no customer " + input.parentId());
            }
            long id = CustomerStore.nextId(h);
            Instant now = core.now();
            LogRecord.Sealed sealed = core.seal(LogRecord.builder("customer.registered", "customer/" + id, actor, now)
                    .field("kind", Wire.name(input.kind()))
                    .field("country", input.country())
                    .field("parent", input.parentId() == null ? null : "customer/" + input.parentId())
                    .confidential("name", input.name()));
            long idx = LogEntries.append(h, sealed);
            Customer c = new Customer(id, input.name(), input.kind(), input.country(), input.parentId(), now, idx);
            CustomerStore.insert(h, c);
            return c;
        });
    }

    public Customer get(long id) {
        return core.db().withHandle(h -> CustomerStore.get(h, id)).orElseThrow(() -> new NotFoundException("customer/" + id));
    }

    public Optional<Customer> byName(String name) {
        return core.db().withHandle(h -> CustomerStore.byName(h, name));
    }

    /** All customers by name. */
    public List<Customer> list() {
        return core.db().withHandle(CustomerStore::list);
    }
}
