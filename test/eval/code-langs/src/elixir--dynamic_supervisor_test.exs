defmodule DynamicSupervisorTest do
  use ExUnit.Case, async: true

  defmodule Simple do
    use DynamicSupervisor

    def init(args), do: args
  end

  test "can be supervised directly" do
    children = [{DynamicSupervisor, name: :dyn_sup_spec_test}]
    assert {:ok, _} = Supervisor.start_link(children, strategy: :one_for_one)
    assert DynamicSupervisor.which_children(:dyn_sup_spec_test) == []
  end

  test "multiple supervisors can be supervised and identified with simple child spec" do
    {:ok, _} = Registry.start_link(keys: :unique, name: DynSup.Registry)

    children = [
      {DynamicSupervisor, name: :simple_name},
      {DynamicSupervisor, name: {:global, :global_name}},
      {DynamicSupervisor, name: {:via, Registry, {DynSup.Registry, "via_name"}}}
    ]

    assert {:ok, supsup} = Supervisor.start_link(children, strategy: :one_for_one)

    assert {:ok, no_name_dynsup} =
             Supervisor.start_child(supsup, {DynamicSupervisor, strategy: :one_for_one})

    assert DynamicSupervisor.which_children(:simple_name) == []
    assert DynamicSupervisor.which_children({:global, :global_name}) == []
    assert DynamicSupervisor.which_children(no_name_dynsup) == []
  end

  describe "init/1" do
    test "set default options" do
      assert DynamicSupervisor.init([]) ==
               {:ok,
                %{
                  strategy: :one_for_one,
                  intensity: 3,
                  period: 5,
                  max_children: :infinity,
                  extra_arguments: []
                }}
    end
  end

  describe "start_link/3" do
    test "with non-ok init" do
      Process.flag(:trap_exit, true)

      assert DynamicSupervisor.start_link(Simple, {:ok, %{strategy: :unknown}}) ==
               {:error, {:supervisor_data, {:invalid_strategy, :unknown}}}

      assert DynamicSupervisor.start_link(Simple, {:ok, %{intensity: -1}}) ==
               {:error, {:supervisor_data, {:invalid_intensity, -1}}}

      assert DynamicSupervisor.start_link(Simple, :unknown) ==
               {:error, {:bad_return, {Simple, :init, :unknown}}}

      assert DynamicSupervisor.start_link(Simple, :ignore) == :ignore
    end

    test "with registered process" do
      {:ok, pid} = DynamicSupervisor.start_link(Simple, {:ok, %{}}, name: __MODULE__)

      # Sets up a link
      {:links, links} = Process.info(self(), :links)
      assert pid in links

      # A name
      assert Process.whereis(__MODULE__) == pid

      # And shuts down
      assert DynamicSupervisor.stop(__MODULE__) == :ok
    end

    test "with spawn_opt" do
      {:ok, pid} =
        DynamicSupervisor.start_link(strategy: :one_for_one, spawn_opt: [priority: :high])

      assert Process.info(pid, :priority) == {:priority, :high}
    end
  end

  describe "code_change/3" do
    test "with ok init" do
      {:ok, pid} = DynamicSupervisor.start_link(Simple, {:ok, %{}})
      {:ok, _} = DynamicSupervisor.start_child(pid, sleepy_worker())
      assert %{active: 1} = DynamicSupervisor.count_children(pid)

      assert fake_upgrade(pid, {:ok, %{max_children: 1}}) == :ok
      assert %{active: 1} = DynamicSupervisor.count_children(pid)
      assert DynamicSupervisor.start_child(pid, {Task, fn -> :ok end}) == {:error, :max_children}
    end

    defp fake_upgrade(pid, init_arg) do
      :ok = :sys.suspend(pid)
      :sys.replace_state(pid, fn state -> %{state | args: init_arg} end)
      res = :sys.change_code(pid, :gen_server, 123, :extra)
      :ok = :sys.resume(pid)
      res
    end
  end

  describe "start_child/2" do
    test "supports old child spec" do
      {:ok, pid} = DynamicSupervisor.start_link(strategy: :one_for_one)
      child = {Task, {Task, :start_link, [fn -> :ok end]}, :temporary, 5000, :worker, [Task]}
      assert {:ok, pid} = DynamicSupervisor.start_child(pid, child)
      assert is_pid(pid)
    end

    test "supports extra arguments" do
      parent = self()
      fun = fn -> send(parent, :from_child) end

      {:ok, pid} = DynamicSupervisor.start_link(strategy: :one_for_one, extra_arguments: [fun])
      child = %{id: Task, restart: :temporary, start: {Task, :start_link, []}}
      assert {:ok, pid} = DynamicSupervisor.start_child(pid, child)
      assert is_pid(pid)
      assert_receive :from_child
    end

    test "temporary child is not restarted regardless of reason" do
      child = current_module_worker([:ok2], restart: :temporary)
      {:ok, pid} = DynamicSupervisor.start_link(strategy: :one_for_one)

      assert {:ok, child_pid} = DynamicSupervisor.start_child(pid, child)
      assert_kill(child_pid, :shutdown)
      assert %{workers: 0, active: 0} = DynamicSupervisor.count_children(pid)
    end
  end
end
