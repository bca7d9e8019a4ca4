// Command pulumi-language-nodejs is a minimal Pulumi language host for Node.js programs.
//
// The Pulumi CLI delegates running a program to a "language host" plugin. Pulumi's own Node.js
// language host is not published as a Go module, so machines without a packaged Pulumi CLI get
// this one instead: scripts/ensure-pulumi.sh builds it next to the `pulumi` binary it builds from
// the Go module proxy. It is written from the LanguageRuntime gRPC protocol
// (pulumi/language.proto, the generated stubs in sdk/v3/proto/go) and does only what this
// project needs:
//
//   - Run: start `node <@pulumi/pulumi/cmd/run> --monitor=... <program>` in the program
//     directory, with the stack config in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS, and map the
//     exit status onto RunResponse (0: success, 32: bail, anything else: error).
//   - GetRequiredPackages / GetRequiredPlugins: no packages (dynamic providers need no plugin
//     downloads; the bundled pulumi-resource-pulumi-nodejs launcher serves them).
//   - Handshake, GetPluginInfo, About, GetProgramDependencies, RuntimeOptionsPrompts,
//     InstallDependencies (`npm install`, or the `packagemanager` runtime option's tool).
//
// Everything else (code generation, Pack, Link, Template, RunPlugin, Cancel) answers
// Unimplemented, which the engine either tolerates or reports as unsupported.
//
// Usage (by the engine): pulumi-language-nodejs [flags ignored] <engine address>
// It listens on 127.0.0.1 and prints the chosen port as the first line on stdout.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// bailExitCode is the exit code @pulumi/pulumi/cmd/run uses after it has already reported the
// program's error to the engine (nodeJSProcessExitedAfterLoggingUserActionableMessage).
const bailExitCode = 32

func main() {
	engineAddress := ""
	for _, arg := range os.Args[1:] {
		// The engine passes the engine address as the last positional argument; older engines
		// and debugging setups may add flags (-tracing, -v, ...) that this host does not use.
		if !strings.HasPrefix(arg, "-") {
			engineAddress = arg
		}
	}

	host := &languageHost{engineAddress: engineAddress}
	cancel := make(chan bool)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: could not start the gRPC server: %v\n", err)
		os.Exit(1)
	}

	// The engine reads the port from the first line on stdout.
	fmt.Printf("%d\n", handle.Port)

	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
		os.Exit(1)
	}
}

type languageHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
}

func pluginVersion() string {
	v := strings.TrimPrefix(version.Version, "v")
	if v == "" {
		return "0.0.0-dev"
	}
	return v
}

func (h *languageHost) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

// Handshake records the engine address (it may differ from the command-line one when the engine
// attaches to an already running host).
func (h *languageHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	if req.GetEngineAddress() != "" {
		h.mu.Lock()
		h.engineAddress = req.GetEngineAddress()
		h.mu.Unlock()
	}
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *languageHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: pluginVersion()}, nil
}

// GetRequiredPlugins: a Node.js program using only dynamic providers needs no plugins beyond the
// bundled ones, so nothing is reported (and nothing is downloaded).
func (h *languageHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

// GetRequiredPackages: see GetRequiredPlugins.
func (h *languageHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *languageHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

// runOptions are the `runtime.options` of Pulumi.yaml that this host understands.
type runOptions struct {
	typescript     bool
	tsconfig       string
	nodeargs       []string
	packageManager string
}

func parseOptions(opts *structpb.Struct) runOptions {
	ro := runOptions{typescript: true}
	if opts == nil {
		return ro
	}
	m := opts.AsMap()
	switch v := m["typescript"].(type) {
	case bool:
		ro.typescript = v
	case string:
		ro.typescript = !strings.EqualFold(v, "false")
	}
	if v, ok := m["tsconfig"].(string); ok {
		ro.tsconfig = v
	}
	if v, ok := m["nodeargs"].(string); ok {
		ro.nodeargs = strings.Fields(v)
	}
	if v, ok := m["packagemanager"].(string); ok {
		ro.packageManager = v
	}
	return ro
}

// programLocation returns the directory to run in and the entry point (relative to it, or ".").
func programLocation(req *pulumirpc.RunRequest) (pwd, entry, root string) {
	pwd = req.GetPwd()
	entry = req.GetProgram() //nolint:staticcheck // fallback for engines that send no ProgramInfo
	if info := req.GetInfo(); info != nil {
		if pwd == "" {
			pwd = info.GetProgramDirectory()
		}
		if info.GetEntryPoint() != "" {
			entry = info.GetEntryPoint()
		}
		root = info.GetRootDirectory()
	}
	if pwd == "" {
		pwd, _ = os.Getwd()
	}
	if entry == "" {
		entry = "."
	}
	if root == "" {
		root = pwd
	}
	return pwd, entry, root
}

// resolveFrom resolves a module specifier the way `require` does in dir, using node itself so
// that package `exports`, nested node_modules and symlinks behave exactly as at run time.
func resolveFrom(ctx context.Context, node, dir, specifier string) (string, error) {
	script := fmt.Sprintf("process.stdout.write(require.resolve(%q))", specifier)
	cmd := exec.CommandContext(ctx, node, "-e", script)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.Index(msg, "\n"); i >= 0 && strings.Contains(msg, "Cannot find module") {
			msg = strings.TrimSpace(msg[:i]) // keep node's first line, not its stack trace
		}
		return "", fmt.Errorf("could not resolve %s from %s: %v: %s", specifier, dir, err, msg)
	}
	return strings.TrimSpace(string(out)), nil
}

func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	pwd, entry, root := programLocation(req)
	opts := parseOptions(req.GetInfo().GetOptions())

	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{
			Error: "could not find `node` on PATH; install Node.js to run this Pulumi program",
		}, nil
	}
	runScript, err := resolveFrom(ctx, node, pwd, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf(
			"it looks like the Pulumi SDK has not been installed; have you run `npm install`? (%v)", err)}, nil
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runScript,
		"--monitor="+req.GetMonitorAddress(),
		"--engine="+h.engine(),
		"--project="+req.GetProject(),
		"--stack="+req.GetStack(),
		"--pwd="+pwd,
		"--root-directory="+root,
	)
	if req.GetOrganization() != "" {
		args = append(args, "--organization="+req.GetOrganization())
	}
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() > 0 {
		args = append(args, fmt.Sprintf("--parallel=%d", req.GetParallel()))
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "encoding config: %v", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, status.Errorf(codes.Internal, "encoding secret config keys: %v", err)
	}

	env := os.Environ()
	env = append(env,
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
	)
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = pwd
	cmd.Env = env
	// The engine turns our stdout/stderr lines into diagnostics, so the program's console output
	// shows up in `pulumi up` like it does with Pulumi's own language host.
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	cmd.Stdin = nil

	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			code := exitErr.ExitCode()
			switch {
			case code == bailExitCode:
				return &pulumirpc.RunResponse{Bail: true}, nil
			case code >= 0:
				return &pulumirpc.RunResponse{
					Error: fmt.Sprintf("Program exited with non-zero exit code: %d", code),
				}, nil
			default:
				return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited unexpectedly: %v", err)}, nil
			}
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Problem executing program (could not run node): %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

func nodeVersion(ctx context.Context, node string) string {
	out, err := exec.CommandContext(ctx, node, "--version").Output()
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.TrimSpace(string(out)), "v")
}

func (h *languageHost) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, status.Error(codes.FailedPrecondition, "could not find `node` on PATH")
	}
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    nodeVersion(ctx, node),
		Metadata:   map[string]string{"languageHost": "pulumi-mailersend minimal host " + pluginVersion()},
	}, nil
}

// findUp returns the first dir/name found walking up from dir.
func findUp(dir, name string) (string, bool) {
	for {
		candidate := filepath.Join(dir, name)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

type packageManifest struct {
	Version         string            `json:"version"`
	Dependencies    map[string]string `json:"dependencies"`
	DevDependencies map[string]string `json:"devDependencies"`
}

func readManifest(path string) (*packageManifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m packageManifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &m, nil
}

// GetProgramDependencies lists the direct dependencies in the program's package.json, with the
// installed version when node_modules has it (otherwise the declared range).
func (h *languageHost) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetPwd() //nolint:staticcheck // fallback for engines that send no ProgramInfo
	if info := req.GetInfo(); info != nil && info.GetProgramDirectory() != "" {
		dir = info.GetProgramDirectory()
	}
	manifestPath, ok := findUp(dir, "package.json")
	if !ok {
		return &pulumirpc.GetProgramDependenciesResponse{}, nil
	}
	manifest, err := readManifest(manifestPath)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "reading package.json: %v", err)
	}
	declared := map[string]string{}
	for name, rng := range manifest.DevDependencies {
		declared[name] = rng
	}
	for name, rng := range manifest.Dependencies {
		declared[name] = rng
	}
	names := make([]string, 0, len(declared))
	for name := range declared {
		names = append(names, name)
	}
	sort.Strings(names)
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, name := range names {
		v := declared[name]
		if installed, ok := findUp(filepath.Dir(manifestPath), filepath.Join("node_modules", name, "package.json")); ok {
			if m, err := readManifest(installed); err == nil && m.Version != "" {
				v = m.Version
			}
		}
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: name, Version: v})
	}
	return resp, nil
}

// streamWriter forwards a child's output as InstallDependenciesResponse messages.
type streamWriter struct {
	mu     *sync.Mutex
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]
	stderr bool
}

func (w streamWriter) Write(p []byte) (int, error) {
	data := append([]byte(nil), p...)
	msg := &pulumirpc.InstallDependenciesResponse{Stdout: data}
	if w.stderr {
		msg = &pulumirpc.InstallDependenciesResponse{Stderr: data}
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.server.Send(msg); err != nil {
		return 0, err
	}
	return len(p), nil
}

// InstallDependencies runs `<package manager> install` (npm unless the `packagemanager` runtime
// option names yarn, pnpm or bun) in the directory holding the program's package.json, streaming
// its output back to the engine.
func (h *languageHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest,
	server grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := req.GetDirectory() //nolint:staticcheck // fallback for engines that send no ProgramInfo
	var opts runOptions
	if info := req.GetInfo(); info != nil {
		if info.GetProgramDirectory() != "" {
			dir = info.GetProgramDirectory()
		}
		opts = parseOptions(info.GetOptions())
	}
	if manifestPath, ok := findUp(dir, "package.json"); ok {
		dir = filepath.Dir(manifestPath)
	}
	tool := "npm"
	switch opts.packageManager {
	case "yarn", "pnpm", "bun":
		tool = opts.packageManager
	}
	bin, err := exec.LookPath(tool)
	if err != nil {
		return status.Errorf(codes.FailedPrecondition, "could not find `%s` on PATH to install dependencies", tool)
	}
	var mu sync.Mutex
	cmd := exec.CommandContext(server.Context(), bin, "install")
	cmd.Dir = dir
	cmd.Stdout = streamWriter{mu: &mu, server: server}
	cmd.Stderr = streamWriter{mu: &mu, server: server, stderr: true}
	if err := cmd.Run(); err != nil {
		return status.Errorf(codes.Unknown, "`%s install` in %s failed: %v", tool, dir, err)
	}
	return nil
}

var _ io.Writer = streamWriter{}
