#!/bin/sh
# network-plugin for a local tool, no kubelet on this line
kind create cluster --network-plugin=cni
