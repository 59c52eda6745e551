package dev.finegrain.benchmarks;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A fixed-size connection pool for the PostgreSQL benchmarks, so that finegrain's store gets what
 * Flowable gets from MyBatis's {@code PooledDataSource}: at most {@code size} physical connections,
 * opened when first needed and reused (with the driver's server-side prepared statements), a
 * caller waiting when all are out. {@link Connection#close()} on a handed-out connection rolls back
 * an unfinished transaction, restores auto-commit and returns the physical connection. No
 * validation, no eviction: the database is embedded and lives as long as the benchmark.
 */
final class ConnectionPool implements DataSource, AutoCloseable {
  private final DataSource driver;
  private final Semaphore permits;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

  ConnectionPool(DataSource driver, int size) {
    this.driver = driver;
    this.permits = new Semaphore(size, true);
  }

  @Override
  public Connection getConnection() throws SQLException {
    permits.acquireUninterruptibly();
    Connection physical = idle.poll();
    if (physical == null) {
      try {
        physical = driver.getConnection();
      } catch (SQLException | RuntimeException e) {
        permits.release();
        throw e;
      }
    }
    return handOut(physical);
  }

  private Connection handOut(Connection physical) {
    boolean[] closed = {false};
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          switch (method.getName()) {
            case "close":
              if (!closed[0]) {
                closed[0] = true;
                giveBack(physical);
              }
              return null;
            case "isClosed":
              return closed[0] || physical.isClosed();
            default:
              if (closed[0]) {
                throw new SQLException("connection already returned to the pool");
              }
              try {
                return method.invoke(physical, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
          }
        });
  }

  private void giveBack(Connection physical) {
    try {
      if (!physical.getAutoCommit()) {
        physical.rollback();
        physical.setAutoCommit(true);
      }
      idle.add(physical);
    } catch (SQLException e) {
      try {
        physical.close();
      } catch (SQLException ignored) {
        // a broken connection: dropped
      }
    } finally {
      permits.release();
    }
  }

  /** Closes the idle physical connections (those handed out are the caller's to return first). */
  @Override
  public void close() {
    for (Connection c = idle.poll(); c != null; c = idle.poll()) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool has one user");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }

  @Override
  public String toString() {
    return "ConnectionPool{" + driver + "}";
  }
}
