package dev.finegrain.workflow.postgres;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A DataSource over a real database that, as some pools, proxies and tracing layers do, throws its
 * own {@link SQLException} when a statement fails, with the database's chained under it in one of
 * the ways JDBC allows. The database's error itself is PostgreSQL's, untouched.
 */
final class ChainingPool {
  /** Where the database's error goes under the pool's own. */
  enum Chained {
    /** As the cause: {@code new SQLException(message, cause)}. */
    AS_CAUSE,
    /** As the next exception, as a batch's errors are chained. */
    AS_NEXT,
    /** As the cause of an unchecked exception that is the cause of the pool's. */
    UNDER_ANOTHER_CAUSE,
    /** As the cause of the cause: a pool's exception over a proxy's, neither with a SQLSTATE. */
    AS_CAUSE_OF_A_CAUSE
  }

  /** What the pool's own exception says: nothing of the database's. */
  static final String MESSAGE = "the pool's statement failed";

  private ChainingPool() {}

  static DataSource over(DataSource database, Chained chained) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = call(database, method, args, chained);
          return result instanceof Connection connection ? wrap(connection, Connection.class, chained) : result;
        });
  }

  private static Object wrap(Object real, Class<?> type, Chained chained) {
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
      Object result = call(real, method, args, chained);
      if (result instanceof Statement statement && method.getReturnType().isInterface()) {
        return wrap(statement, method.getReturnType(), chained);  // Statement, PreparedStatement
      }
      return result;
    });
  }

  private static Object call(Object real, java.lang.reflect.Method method, Object[] args, Chained chained)
      throws Throwable {
    try {
      return method.invoke(real, args);
    } catch (InvocationTargetException e) {
      if (!(e.getCause() instanceof SQLException database) || !(real instanceof Statement)) {
        throw e.getCause();
      }
      switch (chained) {
        case AS_CAUSE:
          throw new SQLException(MESSAGE, database);
        case AS_NEXT:
          SQLException own = new SQLException(MESSAGE);
          own.setNextException(database);
          throw own;
        case UNDER_ANOTHER_CAUSE:
          throw new SQLException(MESSAGE, new IllegalStateException("the proxy's call failed", database));
        default:
          throw new SQLException(MESSAGE, new SQLException("the proxy's statement failed", database));
      }
    }
  }
}
